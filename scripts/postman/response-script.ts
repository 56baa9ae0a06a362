import type { CollectionStep } from './collection-steps';

/**
 * The test script run after each request: HTTP 200, no GraphQL errors, every payload `errors`
 * list empty, then the captured fields stored as collection variables. A payload error listed
 * in `retryOn` repeats the request instead (at most 50 times, 100 ms apart).
 */
export function responseScript(step: CollectionStep): string[] {
  const name = step.name ?? step.operation;
  return [
    'const body = pm.response.json();',
    'const payloadErrors = [];',
    'const walk = (value) => {',
    '  if (Array.isArray(value)) return value.forEach(walk);',
    "  if (value === null || typeof value !== 'object') return;",
    '  for (const [key, inner] of Object.entries(value)) {',
    "    if (key === 'errors' && Array.isArray(inner)) payloadErrors.push(...inner);",
    '    else walk(inner);',
    '  }',
    '};',
    'walk(body.data);',
    `const retryOn = ${JSON.stringify(step.retryOn ?? [])};`,
    `const attemptsKey = ${JSON.stringify(`attempts:${name}`)};`,
    'const attempts = Number(pm.collectionVariables.get(attemptsKey) || 0);',
    'if (payloadErrors.some((e) => retryOn.includes(e.code)) && attempts < 50) {',
    '  pm.collectionVariables.set(attemptsKey, attempts + 1);',
    `  postman.setNextRequest(${JSON.stringify(name)});`,
    '  setTimeout(() => {}, 100);',
    '  return;',
    '}',
    'pm.collectionVariables.unset(attemptsKey);',
    "pm.test('HTTP 200', () => pm.response.to.have.status(200));",
    "pm.test('no GraphQL errors', () => pm.expect(body.errors, JSON.stringify(body.errors)).to.be.undefined);",
    "pm.test('no payload errors', () => pm.expect(payloadErrors, JSON.stringify(payloadErrors)).to.eql([]));",
    `const capture = ${JSON.stringify(step.capture ?? {})};`,
    'for (const [variable, path] of Object.entries(capture)) {',
    "  const value = path.split('.').reduce((node, key) => (node == null ? undefined : node[key]), body);",
    "  pm.test(`captures ${variable}`, () => pm.expect(value, path).to.be.a('string').and.not.empty);",
    '  pm.collectionVariables.set(variable, value);',
    '}',
  ];
}
