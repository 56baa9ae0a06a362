import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError, type DocumentNode } from 'graphql';

/**
 * Refuses a document longer than `maxBytes` before it is registered as a persisted query or
 * planned. Comments and whitespace are no tokens, so `maxTokens` alone let a `{ __typename }`
 * padded to 900 KB register and stay for a day.
 */
export function documentSizePlugin(maxBytes: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source }) {
          const tooLarge = documentTooLarge(source, maxBytes);
          if (tooLarge) throw tooLarge;
        },
      };
    },
  };
}

/** The refusal of a document over `maxBytes` (UTF-8), the same over HTTP and WebSocket. */
export function documentTooLarge(source: string, maxBytes: number): GraphQLError | undefined {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so a short string needs no count.
  if (source.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return new GraphQLError(`The document is ${bytes} bytes; the limit is ${maxBytes}`, {
    extensions: { code: 'BAD_USER_INPUT', limit: 'maxDocumentBytes', http: { status: 400 } },
  });
}

/**
 * Apollo's parsed-document cache, sized by what an entry really keeps: a parsed document holds
 * its whole source text (for error locations), which Apollo's default sizing (the document's JSON)
 * leaves out, so padded documents filled the default 30 MiB store many times over.
 */
export function documentStore(maxMiB: number): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxMiB * 1024 * 1024,
    sizeCalculation: (document) => 2 * (document.loc?.source.body.length ?? 0) + InMemoryLRUCache.sizeCalculation(document),
  });
}
