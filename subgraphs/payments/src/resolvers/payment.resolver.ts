import { requireUuid } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { Payments } from '../payments';

const money = (amount: number, currency: string) => ({ amount, currency });

export function paymentResolvers({ payments, reader }: Payments): Resolvers {
  return {
    Payment: {
      __resolveReference: (ref, context) => reader.byId(context, requireUuid(ref.id)),
      amount: (p) => money(p.amount, p.currency),
      capturedAmount: (p) => money(p.capturedAmount, p.currency),
      refundedAmount: (p) => money(p.refundedAmount, p.currency),
      history: (p, _args, context) => reader.history(context, p.id),
    },
    Order: {
      __resolveReference: (ref) => ({ id: ref.id }),
      payment: (order, _args, context) => reader.latestForOrder(context, order.id),
    },
    Query: {
      payment: (_parent, { id }, context) => reader.byId(context, requireUuid(id)),
    },
    Mutation: {
      refundPayment: (_parent, { paymentId, amount, idempotencyKey }, context) => payments.adminRefund(context, { paymentId, amount, idempotencyKey }),
    },
  };
}
