import { describe, expect, it } from 'vitest';
import { productsConfigFromEnv, productsEnvSchema } from './env';

const platform = { INTERNAL_TOKEN_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----' };

describe('products env', () => {
  it('defaults to the PostgreSQL catalog and reads the MongoDB settings', () => {
    expect(productsConfigFromEnv(productsEnvSchema.parse(platform))).toEqual({ catalog: { kind: 'postgres' } });
    const mongo = productsEnvSchema.parse({ ...platform, CATALOG_DRIVER: 'mongo', MONGO_URL: 'mongodb://mongo:27017/' });
    expect(productsConfigFromEnv(mongo)).toEqual({ catalog: { kind: 'mongo', url: 'mongodb://mongo:27017/', database: 'shop' } });
  });

  it('names every problem', () => {
    const result = productsEnvSchema.safeParse({ ...platform, CATALOG_DRIVER: 'mongo', MONGO_DATABASE: 'a.b' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['MONGO_DATABASE', 'MONGO_URL']);
    const missing = productsEnvSchema.safeParse({ ...platform, CATALOG_DRIVER: 'mongo' });
    expect(missing.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['MONGO_URL', 'MONGO_URL is required when CATALOG_DRIVER=mongo'],
    ]);
  });
});
