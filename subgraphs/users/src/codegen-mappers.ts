/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { UserRecord as UserModel } from './stores/user.store';
export type { Session as AuthSessionModel } from './services/session.service';
export type { AuthResult as AuthPayloadModel } from './services/account.service';
export type { AddressRecord as AddressModel } from './stores/address.store';
export type { AddressResult as AddressPayloadModel } from './services/address.service';
