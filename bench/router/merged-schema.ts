/**
 * The floor: the client-facing API schema (schema/supergraph-api.graphql) executed in ONE process
 * by graphql-js, each field resolved by the resolver of the subgraph that owns it (ownership read
 * from the supergraph's @join__* directives), over the same stores and database. No planning, no
 * HTTP between services, no `_entities` (de)serialization: what is left is the resolvers' own work.
 *
 * An entity field owned by another subgraph than the one that produced the parent object runs that
 * subgraph's `__resolveReference` on the key first, as the gateway's `_entities` fetch would; the
 * subgraphs' per-request DataLoaders (keyed on their context) batch these just as they batch an
 * `_entities` list, because every subgraph gets its own context object per request.
 */
import { randomUUID } from 'node:crypto';
import {
  buildSchema,
  defaultFieldResolver,
  GraphQLScalarType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Logger } from 'pino';
import type { SubgraphContext } from '@shop/subgraph-kit';

/** A subgraph's resolver map, as its module's `create` returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResolverMap = Record<string, any>;

export interface FloorContext {
  requestId: string;
  /** One context per subgraph and request, created on first use. */
  subgraphContexts: Map<string, SubgraphContext>;
}

export function floorContext(): FloorContext {
  return { requestId: randomUUID(), subgraphContexts: new Map() };
}

interface Ownership {
  /** type -> subgraph -> key fields (only for subgraphs that can resolve a reference to it). */
  keys: Map<string, Map<string, string[]>>;
  /** "Type.field" -> subgraphs that resolve it. */
  fieldOwners: Map<string, string[]>;
  /** type -> subgraphs that define it. */
  typeOwners: Map<string, string[]>;
}

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
};
const enumArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
};
const booleanArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN ? value.value : undefined;
};

/** Reads which subgraph resolves which type and field from the supergraph's join directives. */
export function readOwnership(supergraphSdl: string): Ownership {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = graph && stringArgument(graph, 'name');
      if (name) graphNames.set(value.name.value, name);
    }
  }
  const graph = (directive: ConstDirectiveNode) => {
    const value = enumArgument(directive, 'graph');
    return value === undefined ? undefined : graphNames.get(value);
  };
  const ownership: Ownership = { keys: new Map(), fieldOwners: new Map(), typeOwners: new Map() };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    const typeOwners: string[] = [];
    const keys = new Map<string, string[]>();
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const owner = graph(directive);
      if (!owner) continue;
      if (!typeOwners.includes(owner)) typeOwners.push(owner);
      const key = stringArgument(directive, 'key');
      if (key && booleanArgument(directive, 'resolvable') !== false && !keys.has(owner)) {
        if (/[{}]/.test(key)) throw new Error(`${typeName}: nested keys ("${key}") are not supported by the floor`);
        keys.set(owner, key.trim().split(/\s+/));
      }
    }
    ownership.typeOwners.set(typeName, typeOwners);
    ownership.keys.set(typeName, keys);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const owners = joins.length
        ? joins
            .filter((d) => booleanArgument(d, 'external') !== true && booleanArgument(d, 'usedOverridden') !== true)
            .map(graph)
            .filter((g): g is string => g !== undefined)
        : typeOwners;
      ownership.fieldOwners.set(`${typeName}.${field.name.value}`, owners);
    }
  }
  return ownership;
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

export interface MergedSchemaOptions {
  apiSdl: string;
  supergraphSdl: string;
  /** Subgraph name -> its resolver map. */
  resolvers: Record<string, ResolverMap>;
  logger: Logger;
}

/** The API schema with every field wired to its owning subgraph's resolver, for one-process execution. */
export function buildMergedSchema(options: MergedSchemaOptions): GraphQLSchema {
  const schema = buildSchema(options.apiSdl);
  const ownership = readOwnership(options.supergraphSdl);
  /** Which subgraph produced an object (so its own fields use its own resolvers). */
  const origins = new WeakMap<object, string>();
  /** parent object -> subgraph -> the subgraph's resolved reference to it. */
  const references = new WeakMap<object, Map<string, unknown>>();

  const contextOf = (context: FloorContext, subgraph: string): SubgraphContext => {
    let own = context.subgraphContexts.get(subgraph);
    if (!own) {
      own = { viewer: null, requestId: context.requestId, logger: options.logger };
      context.subgraphContexts.set(subgraph, own);
    }
    return own;
  };
  const resolverOf = (subgraph: string, type: string, field: string): GraphQLFieldResolver<unknown, unknown> | undefined => {
    const entry = options.resolvers[subgraph]?.[type]?.[field];
    return typeof entry === 'function' ? entry : typeof entry?.resolve === 'function' ? entry.resolve : undefined;
  };
  const mark = (value: unknown, subgraph: string): unknown => {
    if (Array.isArray(value)) for (const item of value) mark(item, subgraph);
    else if (typeof value === 'object' && value !== null) origins.set(value, subgraph);
    return value;
  };

  /** The parent as `subgraph` knows it: its `__resolveReference` on the key fields, once per parent. */
  const reference = async (
    type: string,
    parent: object,
    origin: string,
    subgraph: string,
    context: FloorContext,
    info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3],
  ) => {
    let perSubgraph = references.get(parent);
    if (!perSubgraph) references.set(parent, (perSubgraph = new Map()));
    if (!perSubgraph.has(subgraph)) {
      perSubgraph.set(
        subgraph,
        (async () => {
          const keyFields = ownership.keys.get(type)?.get(subgraph);
          if (!keyFields) throw new Error(`${type} has no resolvable key in ${subgraph}`);
          const representation: Record<string, unknown> = { __typename: type };
          for (const keyField of keyFields) {
            const own = resolverOf(origin, type, keyField);
            representation[keyField] = own ? await own(parent, {}, contextOf(context, origin), info) : (parent as Record<string, unknown>)[keyField];
          }
          const resolveReference = options.resolvers[subgraph]?.[type]?.__resolveReference;
          const resolved = resolveReference ? await resolveReference(representation, contextOf(context, subgraph), info) : representation;
          return mark(resolved, subgraph);
        })(),
      );
    }
    return perSubgraph.get(subgraph);
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (type instanceof GraphQLScalarType) {
      // Custom scalars (DateTime) take the subgraphs' implementation.
      const implementation = Object.values(options.resolvers).find((r) => r[type.name] instanceof GraphQLScalarType)?.[type.name] as
        GraphQLScalarType | undefined;
      if (implementation) {
        type.serialize = implementation.serialize.bind(implementation);
        type.parseValue = implementation.parseValue.bind(implementation);
        type.parseLiteral = implementation.parseLiteral.bind(implementation);
      }
      continue;
    }
    if (isAbstractType(type)) {
      const owners = ownership.typeOwners.get(type.name) ?? [];
      const resolveType = owners.map((o) => options.resolvers[o]?.[type.name]?.__resolveType).find((f) => typeof f === 'function');
      if (resolveType) type.resolveType = resolveType;
      continue;
    }
    if (!isObjectType(type)) continue;
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
    for (const field of Object.values(type.getFields())) {
      const owners = ownership.fieldOwners.get(`${type.name}.${field.name}`) ?? [];
      if (owners.length === 0) throw new Error(`${type.name}.${field.name}: no subgraph resolves it`);
      const resolveIn = (
        subgraph: string,
        source: unknown,
        args: Record<string, unknown>,
        context: FloorContext,
        info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3],
      ) => {
        const own = resolverOf(subgraph, type.name, field.name);
        const value = own ? own(source, args, contextOf(context, subgraph), info) : defaultFieldResolver(source, args, context, info);
        return isPromise(value) ? value.then((v) => mark(v, subgraph)) : mark(value, subgraph);
      };
      field.resolve = (parent: unknown, args: Record<string, unknown>, context: FloorContext, info) => {
        const origin = typeof parent === 'object' && parent !== null ? origins.get(parent) : undefined;
        // The producing subgraph resolves the field itself when it can (its own and shared fields).
        if (isRoot || origin === undefined || owners.includes(origin))
          return resolveIn(isRoot || origin === undefined ? owners[0]! : origin, parent, args, context, info);
        const subgraph = owners.find((o) => ownership.keys.get(type.name)?.has(o));
        if (!subgraph) throw new Error(`${type.name}.${field.name}: cannot reach ${owners.join(', ')} from ${origin}`);
        return reference(type.name, parent as object, origin, subgraph, context, info).then((source) => resolveIn(subgraph, source, args, context, info));
      };
    }
  }
  return schema;
}
