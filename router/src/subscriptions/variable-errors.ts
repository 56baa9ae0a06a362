import { coerceInputValue, isInputType, isNonNullType, print, typeFromAST, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';

/**
 * What graphql-js `getVariableValues` reports, from root exports only: that helper lives under
 * `graphql/execution/values`, a deep import that can load a second copy of graphql next to the
 * one Apollo uses (two realms, "Cannot use GraphQLScalarType from another module").
 */
export function variableErrors(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], inputs: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const typeName = print(definition.type);
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) {
      errors.push(`Variable "$${name}" expected value of type "${typeName}" which cannot be used as an input type.`);
      continue;
    }
    const value = inputs[name];
    if (value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue) errors.push(`Variable "$${name}" of required type "${typeName}" was not provided.`);
      continue;
    }
    if (value === null && isNonNullType(type)) {
      errors.push(`Variable "$${name}" of non-null type "${typeName}" must not be null.`);
      continue;
    }
    coerceInputValue(value, type, (path, _invalid, error) => {
      const at = path.length > 0 ? ` at "${name}${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}"` : '';
      errors.push(`Variable "$${name}" got invalid value${at}; ${error.message}`);
    });
  }
  return errors;
}
