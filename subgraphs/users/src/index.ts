export { usersModule, type UsersConfig } from './subgraph';
