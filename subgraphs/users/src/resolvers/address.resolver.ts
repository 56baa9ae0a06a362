import { requireUuid, requireViewer } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { AddressService } from '../services/address.service';
import type { UserService } from '../services/user.service';

export function addressResolvers(addresses: AddressService, users: UserService): Resolvers {
  return {
    User: {
      addresses: (user, _args, context) => (users.canSeePrivateFields(context, user) ? addresses.forUser(context, user.id) : []),
      defaultAddress: async (user, _args, context) =>
        users.canSeePrivateFields(context, user) ? ((await addresses.forUser(context, user.id)).find((address) => address.isDefault) ?? null) : null,
    },
    Mutation: {
      addAddress: (_parent, { input, makeDefault }, context) => addresses.add(requireViewer(context).userId, input, makeDefault ?? false),
      updateAddress: (_parent, { id, input }, context) => addresses.update(requireViewer(context).userId, requireUuid(id), input),
      deleteAddress: (_parent, { id }, context) => addresses.remove(requireViewer(context).userId, requireUuid(id)),
      setDefaultAddress: (_parent, { id }, context) => addresses.setDefault(requireViewer(context).userId, requireUuid(id)),
    },
  };
}
