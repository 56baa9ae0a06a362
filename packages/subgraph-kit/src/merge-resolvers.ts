import { isScalarType } from 'graphql';

/**
 * Merges a subgraph's resolver parts type by type, so two parts may each define fields of one
 * type (`Query`, `Mutation`, an entity) without one part's object replacing the other's. A field
 * (or a scalar) defined by two parts is a wiring mistake and throws at startup instead of
 * silently losing one of them.
 */
export function mergeResolvers<R extends object>(...parts: R[]): R {
  const merged: Record<string, object> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part) as Array<[string, object | undefined]>) {
      if (fields === undefined) continue;
      const existing = merged[type];
      if (existing === undefined) {
        merged[type] = isScalarType(fields) ? fields : { ...fields };
        continue;
      }
      if (isScalarType(fields) || isScalarType(existing)) throw new Error(`Resolvers for ${type} are defined by two parts`);
      const twice = Object.keys(fields).find((field) => field in existing);
      if (twice !== undefined) throw new Error(`Resolver ${type}.${twice} is defined by two parts`);
      merged[type] = { ...existing, ...fields };
    }
  }
  return merged as R;
}
