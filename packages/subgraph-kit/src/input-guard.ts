import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from 'graphql';
import { ErrorCode } from './errors';

/** Why a string cannot be stored, or null when it can. */
function flaw(text: string): string | null {
  // PostgreSQL text and JSONB refuse U+0000, and UTF-8 cannot encode half a surrogate pair.
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) return 'is not valid Unicode (lone surrogate)';
  return null;
}

export interface InputFlaw {
  /** The field or `@directive` the argument belongs to. */
  field: string;
  /** Argument path, e.g. `input.attributes[0].name`. */
  argumentPath: string;
  reason: string;
}

/** The first flawed string inside a variable's value (any depth), or null. */
function inValue(value: unknown, path: string): Omit<InputFlaw, 'field'> | null {
  if (typeof value === 'string') {
    const reason = flaw(value);
    return reason ? { argumentPath: path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = inValue(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = inValue(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

interface Variables {
  values: Record<string, unknown>;
  /** Default values of the operation's variables, used when a value is not sent. */
  defaults: ReadonlyMap<string, ValueNode>;
}

function inLiteral(node: ValueNode, path: string, variables: Variables): Omit<InputFlaw, 'field'> | null {
  switch (node.kind) {
    case Kind.STRING: {
      const reason = flaw(node.value);
      return reason ? { argumentPath: path, reason } : null;
    }
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (Object.hasOwn(variables.values, name)) return inValue(variables.values[name], path);
      const fallback = variables.defaults.get(name);
      return fallback ? inLiteral(fallback, path, variables) : null;
    }
    case Kind.LIST:
      for (const [index, item] of node.values.entries()) {
        const found = inLiteral(item, `${path}[${index}]`, variables);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = inLiteral(field.value, `${path}.${field.name.value}`, variables);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/**
 * The first string argument of `document` (literal, variable, or a variable inside a literal list
 * or object) that no store can keep: one with a NUL character or a lone surrogate. Entity
 * representations are skipped: the router builds them from subgraph data, not from client input.
 */
export function inputFlaw(document: DocumentNode, variables: Record<string, unknown>): InputFlaw | null {
  const defaults = new Map<string, ValueNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, variable.defaultValue);
    }
  }
  let found: InputFlaw | null = null;
  const check = (owner: string, args: readonly ArgumentNode[] | undefined) => {
    for (const arg of args ?? []) {
      if (found) return;
      if (owner === '_entities' && arg.name.value === 'representations') continue;
      const flawed = inLiteral(arg.value, arg.name.value, { values: variables, defaults });
      if (flawed) found = { field: owner, ...flawed };
    }
  };
  visit(document, {
    Field(node) {
      check(node.name.value, node.arguments);
    },
    Directive(node) {
      check(`@${node.name.value}`, node.arguments);
    },
  });
  return found;
}

/** BAD_USER_INPUT (HTTP 400) naming the argument, before any resolver or store sees the value. */
export function inputGuardError({ field, argumentPath, reason }: InputFlaw): GraphQLError {
  return new GraphQLError(`Argument "${argumentPath}" of "${field}" ${reason}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentPath, http: { status: 400 } },
  });
}

/** Apollo plugin: rejects an operation whose arguments carry a string no store can keep. */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const found = inputFlaw(document, request.variables ?? {});
          if (found) throw inputGuardError(found);
        },
      };
    },
  };
}
