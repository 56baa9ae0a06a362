/** The only place these tests read the environment (house rule: only env.ts reads process.env). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:63799';
