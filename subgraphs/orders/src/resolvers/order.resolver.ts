import { couponErrorCode, couponRejectionMessage } from '@shop/discounts';
import { isGuestCustomerId, requireUuid, requireViewer } from '@shop/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { OrderReader } from '../services/order-reader.service';
import { cancellableStatuses } from '../saga/order-lifecycle';
import { lineAmount } from '../services/order-pricing';

const money = (amount: number | null, currency: string) => (amount === null ? null : { amount, currency });

export function orderResolvers(reader: OrderReader): Resolvers {
  return {
    Order: {
      __resolveReference: (ref, context) => reader.byId(context, ref.id),
      customer: (order) => (isGuestCustomerId(order.customerId) ? null : { id: order.customerId }),
      statusHistory: (order, _args, context) => reader.statusHistory(context, order.id),
      lines: (order) => order.lines.map((line) => ({ ...line, currency: order.currency })),
      subtotal: (order) => ({ amount: order.subtotal, currency: order.currency }),
      discount: (order) => money(order.discount, order.currency),
      appliedPromotions: (order) => (order.promotions ?? []).map((promotion) => ({ ...promotion, currency: order.currency })),
      shippingCost: (order) => money(order.shippingCost, order.currency),
      tax: (order) => money(order.tax, order.currency),
      total: (order) => money(order.total, order.currency),
      cancellation: (order) => (order.cancelCode && order.cancelReason ? { code: order.cancelCode, reason: order.cancelReason } : null),
      cancellable: (order) => cancellableStatuses.has(order.status),
    },
    CouponRejection: {
      couponCode: (rejection) => rejection.code,
      code: (rejection) => couponErrorCode[rejection.reason],
      message: (rejection) => couponRejectionMessage(rejection),
      missingAmount: (rejection) => rejection.missing,
    },
    OrderLine: {
      product: (line) => ({ id: line.productId }),
      variant: (line) => ({ id: line.variantId }),
      unitPrice: (line) => ({ amount: line.unitPrice, currency: line.currency }),
      lineTotal: (line) => ({ amount: lineAmount(line), currency: line.currency }),
      discount: (line) => money(line.discount, line.currency),
    },
    OrderPromotion: {
      amount: (promotion) => ({ amount: promotion.amount, currency: promotion.currency }),
    },
    OrderStatusChange: {
      order: async (change, _args, context) => {
        const order = await reader.current(context, change.orderId);
        if (!order) throw new Error(`orders: order ${change.orderId} vanished`);
        return order;
      },
    },
    User: {
      orders: (user, args, context) => reader.forCustomer(requireViewer(context), user.id, args),
    },
    Query: {
      order: (_parent, { id }, context) => reader.byId(context, requireUuid(id)),
      orders: (_parent, args, context) => reader.forAdmin(context, args),
    },
  };
}
