import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** One hostile request: a root field with every argument valid except the one at `path`. */
export interface HostileCase {
  operation: 'query' | 'mutation';
  field: string;
  /** Argument path, e.g. `input.price.amount` or `ids[0]`. */
  path: string;
  label: string;
  /** Arguments sent as variables, or inlined as literals. */
  mode: 'variables' | 'literals';
  query: string;
  variables: Record<string, unknown>;
}

interface Hostile {
  label: string;
  value: unknown;
}

const someUuid = '00000000-0000-4000-8000-000000000000';
const strings: Hostile[] = [
  { label: 'NUL byte', value: 'a\u0000b' },
  { label: 'lone surrogate', value: 'a\ud800b' },
  { label: '10k characters', value: 'x'.repeat(10_000) },
];
const ids: Hostile[] = [
  ...strings,
  { label: 'malformed id', value: 'not-an-id' },
  { label: 'malformed uuid', value: '00000000-0000-4000-8000-00000000000g' },
  { label: 'empty id', value: '' },
];
const ints: Hostile[] = [
  { label: 'max Int', value: 2_147_483_647 },
  { label: 'min Int', value: -2_147_483_648 },
  { label: 'negative', value: -1 },
  { label: 'beyond Int', value: 1e12 },
];
const floats: Hostile[] = [
  { label: 'huge float', value: 1e308 },
  { label: 'negative float', value: -1e308 },
];
const dates: Hostile[] = [
  ...strings,
  { label: 'malformed date', value: 'not-a-date' },
  { label: 'impossible date', value: '2026-13-45T25:61:00Z' },
  { label: 'date beyond JS range', value: '+275760-09-14T00:00:00.000Z' },
  { label: 'date as number', value: 1_700_000_000_000 },
];

function hostileFor(type: GraphQLNamedType): Hostile[] {
  if (isEnumType(type)) return [{ label: 'unknown enum value', value: 'NOT_A_VALUE' }];
  switch (type.name) {
    case 'String':
      return strings;
    case 'ID':
      return ids;
    case 'Int':
      return ints;
    case 'Float':
      return floats;
    case 'DateTime':
      return dates;
    default:
      return [];
  }
}

/** A value the schema accepts for `type` (required input fields only). */
export function validValue(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [validValue(nullable.ofType)];
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, validValue(field.type)]),
    );
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  switch (nullable.name) {
    case 'ID':
      return someUuid;
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2026-01-01T00:00:00.000Z';
    default:
      return nullable.name === 'String' && isScalarType(nullable) ? 'x' : 'x';
  }
}

/** Every hostile value for the slot `type` at `path`, as a function of the valid value around it. */
function* slots(type: GraphQLInputType, path: string, depth = 0): Generator<{ path: string; hostile: Hostile; place: (valid: unknown) => unknown }> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const element = nullable.ofType as GraphQLInputType;
    yield { path, hostile: { label: '1000 elements', value: null }, place: () => Array.from({ length: 1_000 }, () => validValue(element)) };
    for (const inner of slots(element, `${path}[0]`, depth + 1)) yield { ...inner, place: () => [inner.place(validValue(element))] };
    return;
  }
  if (isInputObjectType(nullable)) {
    if (depth > 3) return;
    for (const field of Object.values(nullable.getFields())) {
      for (const inner of slots(field.type, `${path}.${field.name}`, depth + 1)) {
        yield {
          ...inner,
          place: (valid) => ({ ...(valid as object), [field.name]: inner.place((valid as Record<string, unknown>)[field.name] ?? validValue(field.type)) }),
        };
      }
    }
    return;
  }
  for (const hostile of hostileFor(nullable)) yield { path, hostile, place: () => hostile.value };
}

/** `{ __typename }` plus every argument-free scalar, and those of the objects one level down. */
function selection(type: GraphQLNamedType, depth = 0): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const fields = Object.values(type.getFields())
    .filter((field) => field.args.every((arg) => !isNonNullType(arg.type)))
    .map((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return field.name;
      return depth === 0 ? `${field.name} ${selection(named, 1)}` : '';
    })
    .filter(Boolean);
  return `{ __typename ${fields.join(' ')} }`;
}

/** GraphQL literal text for `value`; unlike astFromValue it also prints what the type would refuse. */
function literal(value: unknown, type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => literal(item, isListType(nullable) ? (nullable.ofType as GraphQLInputType) : nullable)).join(', ')}]`;
  if (isInputObjectType(nullable) && typeof value === 'object') {
    const fields = nullable.getFields();
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item, fields[key]!.type)}`)
      .join(', ')} }`;
  }
  if (isEnumType(nullable) && typeof value === 'string') return value;
  return JSON.stringify(value);
}

function request(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, values: Record<string, unknown>, mode: HostileCase['mode']) {
  const args = field.args.filter((arg) => arg.name in values);
  const shown = args.map((arg) => {
    if (mode === 'variables') return `${arg.name}: $${arg.name}`;
    return `${arg.name}: ${literal(values[arg.name], arg.type)}`;
  });
  const declared = mode === 'variables' && args.length > 0 ? `(${args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')})` : '';
  const call = shown.length > 0 ? `(${shown.join(', ')})` : '';
  return {
    query: `${operation}${declared} { ${field.name}${call} ${selection(getNamedType(field.type))} }`,
    variables: mode === 'variables' ? values : {},
  };
}

/** Every hostile case of every Query and Mutation field of `schema`, each in both modes. */
export function hostileCases(schema: GraphQLSchema): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const operation of ['query', 'mutation'] as const) {
    const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {})) {
      const valid = Object.fromEntries(
        field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined).map((arg) => [arg.name, validValue(arg.type)]),
      );
      for (const arg of field.args) {
        for (const slot of slots(arg.type, arg.name)) {
          const values = { ...valid, [arg.name]: slot.place(valid[arg.name] ?? validValue(arg.type)) };
          for (const mode of ['variables', 'literals'] as const) {
            cases.push({ operation, field: field.name, path: slot.path, label: slot.hostile.label, mode, ...request(operation, field, values, mode) });
          }
        }
      }
    }
  }
  return cases;
}
