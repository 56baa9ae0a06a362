/**
 * The answers of a typed `_entities` operation as the one type it asks for (`... on User { ... }`):
 * the generated result is a union of every entity type of the subgraph, the others empty. A
 * representation the subgraph does not resolve stays null; an answer of another type (when the
 * operation selects `__typename`) is an error.
 */
export function entitiesOf<TName extends string, TEntity extends { __typename?: string }>(typename: TName, entities: ReadonlyArray<TEntity | null>) {
  for (const entity of entities) {
    if (entity?.__typename !== undefined && entity.__typename !== typename) throw new Error(`expected ${typename} entities, got a ${entity.__typename}`);
  }
  return entities as ReadonlyArray<Extract<TEntity, { __typename?: TName }> | null>;
}
