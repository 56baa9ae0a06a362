export { userRegistered, usersTopic, type UserRegistered } from './users';
export * from './products';
export * from './ratings';
export * from './favourites';
export * from './tax';
export * from './inventory';
export * from './promotions';
export * from './payments';
