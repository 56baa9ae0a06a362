import { mkdirSync, writeFileSync } from 'node:fs';
import { buildCollection } from './postman/build-collection';

/** `npm run postman`: writes the Postman v2.1 collection of the documented operations. */
const path = 'postman/commerce-supergraph.postman_collection.json';
mkdirSync('postman', { recursive: true });
writeFileSync(path, `${JSON.stringify(buildCollection('tests/operations'), null, 2)}\n`);
console.log(`wrote ${path}`);
