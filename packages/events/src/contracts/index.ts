export {
  userEmailVerificationRequested,
  userEmailVerified,
  userPasswordChanged,
  userPasswordResetRequested,
  userRegistered,
  usersTopic,
  type UserEmailedToken,
  type UserPasswordChanged,
  type UserRegistered,
} from './users';
export * from './products';
export * from './ratings';
export * from './favourites';
export * from './tax';
export * from './inventory';
export * from './promotions';
export * from './payments';
export * from './saga-shapes';
export * from './orders';
export * from './shipping';
export * from './returns';
