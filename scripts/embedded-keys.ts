import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateInternalKeyPair, generateSigningKey } from '@shop/auth';

export interface EmbeddedKeys {
  internal: { privateKey: string; publicKey: string };
  accessTokenSigningKeys: Array<Record<string, unknown>>;
}

/**
 * Keys for the embedded mode, generated once and kept in the data dir so access tokens and
 * sessions survive a restart. Production passes its own keys through the environment instead.
 */
export async function loadOrCreateKeys(dataDir: string | undefined): Promise<EmbeddedKeys> {
  const file = dataDir ? join(dataDir, 'keys.json') : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedKeys;
  const signing = await generateSigningKey();
  const keys: EmbeddedKeys = {
    internal: await generateInternalKeyPair(),
    accessTokenSigningKeys: [signing.privateJwk as Record<string, unknown>],
  };
  if (!dataDir || !file) return keys;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
