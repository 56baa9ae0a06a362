/**
 * GraphQL literal text for a JSON-like value (`{ name: "Fit", values: ["Slim"] }`), so a test can
 * send the same arguments inline and as variables and expect the same answer. Strings are always
 * quoted: write enum values into the operation by hand.
 */
export function graphqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(graphqlLiteral).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${graphqlLiteral(item)}`)
      .join(', ')} }`;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${value} has no GraphQL literal`);
  return JSON.stringify(value);
}
