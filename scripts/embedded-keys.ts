import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { generateInternalKeyPair, generateSigningKey } from '@shop/auth';

export interface EmbeddedKeys {
  internal: { privateKey: string; publicKey: string };
  accessTokenSigningKeys: Array<Record<string, unknown>>;
  /** The demo shop's admin account, with a random password generated on first start. */
  admin: { email: string; password: string; name: string };
}

/**
 * Keys for the embedded mode, generated once and kept in the data dir so access tokens and
 * sessions survive a restart. Production passes its own keys through the environment instead.
 */
export async function loadOrCreateKeys(dataDir: string | undefined): Promise<EmbeddedKeys> {
  const file = dataDir ? join(dataDir, 'keys.json') : undefined;
  const stored = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<EmbeddedKeys>) : {};
  // Fill in whatever an older data dir lacks, keeping what exists (tokens and sessions stay valid).
  const keys: EmbeddedKeys = {
    internal: stored.internal ?? (await generateInternalKeyPair()),
    accessTokenSigningKeys: stored.accessTokenSigningKeys ?? [(await generateSigningKey()).privateJwk as Record<string, unknown>],
    admin: stored.admin ?? { email: 'admin@example.com', password: randomBytes(12).toString('base64url'), name: 'Administrator' },
  };
  if (!dataDir || !file || (stored.internal && stored.accessTokenSigningKeys && stored.admin)) return keys;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
