import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/** One request a README shows: an operation with its variables, and the headers it sends. */
export interface ReadmeExample {
  /** First line of the operation, for test names. */
  title: string;
  query: string;
  variables: Record<string, unknown>;
  kind: 'query' | 'mutation' | 'subscription';
  /** Headers a curl example sets besides content-type (`$ACCESS_TOKEN` left for the runner). */
  headers: Record<string, string>;
  source: 'graphql' | 'curl';
}

/** `mutation register`, `query products, search`: what a test name needs to find the example. */
const titleOf = (operation: OperationDefinitionNode) =>
  `${operation.operation} ${operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '...')).join(', ')}`;

const fence = /```(graphql|json|sh)\n([\s\S]*?)```/g;

/** Shell words of a block: quotes, `\` line continuations and comments handled; one array per command. */
export function shellCommands(block: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < block.length; i++) {
    const c = block[i]!;
    if (c === '\\' && block[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = block.indexOf(c, i + 1);
      word = (word ?? '') + block.slice(i + 1, end);
      i = end;
    } else if (c === '#' && word === undefined) {
      i = block.indexOf('\n', i) - 1;
      if (i < 0) break;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
      if (c === '\n' && words.length > 0) {
        commands.push(words);
        words = [];
      }
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  if (words.length > 0) commands.push(words);
  return commands;
}

function curlExample(words: string[]): ReadmeExample | undefined {
  if (words[0] !== 'curl') return undefined;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  for (let i = 1; i < words.length; i++) {
    if (words[i] === '-H') {
      const [name, ...value] = words[++i]!.split(':');
      if (name!.toLowerCase() !== 'content-type') headers[name!.toLowerCase()] = value.join(':').trim();
    } else if (words[i] === '-d') body = words[++i];
  }
  if (body === undefined) return undefined;
  const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return { title: titleOf(operation), query, variables: variables ?? {}, kind: operation.operation, headers, source: 'curl' };
}

/**
 * Every request of a README in reading order: each operation of a ```graphql block (a ```json
 * block right after gives the variables of the block's last operation) and each curl command of a
 * ```sh block. SDL and subgraph-internal `_entities` calls are not client requests.
 */
export function readmeExamples(markdown: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  let lastGraphql: ReadmeExample | undefined;
  for (const [, language, text] of markdown.matchAll(fence)) {
    if (language === 'json') {
      if (lastGraphql) lastGraphql.variables = JSON.parse(text!) as Record<string, unknown>;
      lastGraphql = undefined;
      continue;
    }
    lastGraphql = undefined;
    if (language === 'sh') {
      for (const words of shellCommands(text!)) {
        const example = curlExample(words);
        if (example) examples.push(example);
      }
      continue;
    }
    if (!/^\s*(query|mutation|subscription|\{)/.test(text!) || text!.includes('_entities')) continue;
    for (const definition of parse(text!).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const query = print(definition);
      lastGraphql = { title: titleOf(definition), query, variables: {}, kind: definition.operation, headers: {}, source: 'graphql' };
      examples.push(lastGraphql);
    }
  }
  return examples;
}
