import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode, publicErrorCodes } from './errors';

/**
 * Apollo `formatError`: errors with a public code pass (without stack traces); everything else,
 * including Apollo's own INTERNAL_SERVER_ERROR wrapping of a thrown driver error, is logged in full
 * and reaches the client as a fixed message.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && publicErrorCodes.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected resolver error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
