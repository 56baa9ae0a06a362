import { generateInternalKeyPair, generateSigningKey } from '@shop/auth';

/** `npm run keys > .env`: fresh keys for services mode (docker-compose reads .env). */
const internal = await generateInternalKeyPair();
const signing = await generateSigningKey();
const quote = (value: string) => `'${value.replace(/\n/g, '\\n')}'`;
console.log(`INTERNAL_TOKEN_PRIVATE_KEY=${quote(internal.privateKey)}`);
console.log(`INTERNAL_TOKEN_PUBLIC_KEY=${quote(internal.publicKey)}`);
console.log(`ACCESS_TOKEN_SIGNING_KEYS=${quote(JSON.stringify([signing.privateJwk]))}`);
