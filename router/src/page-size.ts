import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type ValueNode } from 'graphql';

const pageArguments = new Set(['first', 'last']);

function valueOf(node: ValueNode, variables: Record<string, unknown>, defaults: Map<string, unknown>): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value] ?? defaults.get(node.name.value);
  return undefined;
}

/**
 * Every Int `first` / `last` argument in `document` larger than `max`, literal or passed as a
 * variable (or a variable's default). A validation rule cannot do this: rules never see variables.
 */
export function pageSizeViolations(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, max: number): string[] {
  const defaults = new Map<string, unknown>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) defaults.set(variable.variable.name.value, valueOf(variable.defaultValue, {}, new Map()));
    }
  }
  const typeInfo = new TypeInfo(schema);
  const problems: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        if (!argument || !field || !pageArguments.has(argument.name) || getNamedType(argument.type).name !== 'Int') return;
        const value = valueOf(node.value, variables, defaults);
        if (typeof value === 'number' && value > max) {
          problems.push(`"${argument.name}" on ${field.name} is ${value}; the maximum page size is ${max}`);
        }
      },
    }),
  );
  return problems;
}

/** Rejects oversized pages with BAD_USER_INPUT (HTTP 400) before any subgraph is called. */
export function pageSizePlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          const problems = pageSizeViolations(schema, document, request.variables ?? {}, max);
          if (problems.length === 0) return;
          throw new GraphQLError(problems.join('; '), {
            extensions: { code: 'BAD_USER_INPUT', limit: 'maxPageSize', http: { status: 400 } },
          });
        },
      };
    },
  };
}
