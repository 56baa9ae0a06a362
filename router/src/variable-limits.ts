import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  validate,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/**
 * `document` with every variable that holds an integer (the request's value, else the
 * operation's default) written in as a literal, or undefined when no such variable is used.
 * graphql-armor's cost rule multiplies a field's cost by a literal `first` / `last` only: it is a
 * validation rule, and validation never sees variables, so `first: $n` counted as 1. Only
 * integers are written in: they are all the limit rules read, and nothing else has to be
 * rebuilt as syntax (a deeply nested list variable could not overflow the stack here).
 */
export function withIntegerVariables(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): DocumentNode | undefined {
  const values = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const given = variables[name];
    if (isInteger(given)) values.set(name, { kind: Kind.INT, value: String(given) });
    else if (given === undefined && definition.defaultValue?.kind === Kind.INT) values.set(name, definition.defaultValue);
  }
  if (values.size === 0) return undefined;
  let replaced = false;
  const result = visit(document, {
    // The definitions themselves stay as they are; only uses of the variables are replaced.
    VariableDefinition: () => false,
    Variable(node) {
      const value = values.get(node.name.value);
      if (value === undefined) return undefined;
      replaced = true;
      return value;
    },
  });
  return replaced ? result : undefined;
}

/**
 * The operation-limit rules' errors for the operation with its integer variables written in
 * (see `withIntegerVariables`); empty when it uses none, since validation already ran the rules
 * on the document as sent. Shared by HTTP and subscriptions.
 */
export function variableLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  rules: readonly ValidationRule[],
): GraphQLError[] {
  const resolved = withIntegerVariables(document, operation, variables);
  return resolved ? [...validate(schema, resolved, rules)] : [];
}

/**
 * Re-runs the operation limits (depth, aliases, directives, cost) with the request's variables,
 * before anything is planned, registered as a persisted query, or sent to a subgraph; the error
 * is the one the same operation written with literals gets.
 */
export function variableLimitsPlugin(rules: readonly ValidationRule[]): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const [first] = variableLimitErrors(schema, document, operation, request.variables ?? {}, rules);
          if (!first) return;
          throw new GraphQLError(first.message, {
            extensions: { ...first.extensions, code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
