import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `name` directly on this resolver's result (through fragments and
 * inline fragments too), so a resolver can skip work nobody asked for (e.g. a connection's
 * `totalCount`). `@skip`/`@include` are not evaluated: a conditional selection counts as selected.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const visited = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      const fragment = selection.name.value;
      if (visited.has(fragment)) return false;
      visited.add(fragment);
      return inSet(info.fragments[fragment]?.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
