export { countQueries } from './count-queries';
export { testServers } from './env';
export { createTestDatabase, type TestDatabase } from './postgres';
export { graphqlClient, type GraphQLResponse, type RequestOptions } from './graphql-client';
export { fastKafkaConsumer, testKafkaBrokers, uniqueKafkaName } from './kafka';
export { startSubgraphHarness, type Caller, type HarnessBackend, type HarnessOptions, type SubgraphHarness } from './subgraph-harness';
export { eventually, type EventuallyOptions } from './eventually';
export { mailpit, type Mailpit, type MailpitMessage, type MailpitSummary } from './mailpit';
export { startOwnMailpit, type OwnMailpit } from './own-mailpit';
