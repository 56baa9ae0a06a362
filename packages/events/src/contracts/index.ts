export { userRegistered, usersTopic, type UserRegistered } from './users';
export * from './products';
