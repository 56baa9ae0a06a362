export { createUsersSubgraph, migrations, name, typeDefs, type UsersConfig, type UsersPlatform } from './subgraph';
