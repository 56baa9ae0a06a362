export { userRegistered, usersTopic, type UserRegistered } from './users';
