import type { Executor } from '@shop/db';
import type { OrderCancelled, OrderClaimed, OrderPlaced, OrderShipmentRequested } from '@shop/events';
import { announceQuote, announceShipment, announceUnavailable } from '../events/shipment-events';
import type { ShipmentRecord, ShipmentStore } from '../stores/shipment.store';
import type { ShippingRateStore } from '../stores/shipping-rate.store';
import { chargedShipping } from './shipping-quote';
import { newTrackingNumber } from './tracking-number';

/**
 * Shipping's steps of the checkout saga. Each runs inside the inbox transaction of the event that
 * asked for it and records its reply in the outbox of that same transaction, so a redelivered
 * event (same id) changes nothing and replies nothing. The effects are idempotent by order id
 * besides, so even a re-sent request (a new event id) gives one shipment and the same answer.
 */
export class ShippingSaga {
  constructor(
    private readonly rates: ShippingRateStore,
    private readonly shipments: ShipmentStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * order.placed -> order.shipping-quoted (the chosen rate while it ships there, else the cheapest;
   * free over its threshold), by the same `chargedShipping` as `Cart.shippingCost`, or order.shipping-unavailable.
   */
  async quote(tx: Executor, order: OrderPlaced): Promise<void> {
    const country = order.shippingAddress.country;
    const cheapest = chargedShipping(await this.rates.forCountries([country], tx), {
      country,
      subtotal: order.subtotal,
      chosenRateId: order.shippingMethodId ?? null,
    });
    if (cheapest) {
      await announceQuote(tx, { orderId: order.orderId, carrier: cheapest.rate.carrier, cost: { amount: cheapest.cost, currency: cheapest.currency } });
    } else {
      const reason = `We do not ship to ${country} for orders in ${order.currency}`;
      await announceUnavailable(tx, { orderId: order.orderId, country, reason });
    }
  }

  /** order.shipment-requested -> a PENDING shipment with a new tracking number, and shipment.created. */
  async createShipment(tx: Executor, request: OrderShipmentRequested): Promise<ShipmentRecord> {
    const fields = {
      orderId: request.orderId,
      customerId: request.customerId,
      carrier: request.carrier,
      trackingNumber: newTrackingNumber(request.carrier),
      items: request.items,
      address: request.shippingAddress,
    };
    const shipment = (await this.shipments.insertIfAbsent(fields, this.now(), tx)) ?? (await this.shipments.findByOrderIds([request.orderId], tx))[0];
    if (!shipment) throw new Error(`shipment of order ${request.orderId} neither created nor found`);
    await announceShipment(tx, shipment, 'PENDING');
    return shipment;
  }

  /** order.cancelled -> the order's PENDING shipment CANCELLED, and shipment.cancelled. A shipped parcel stays shipped. */
  async cancelShipment(tx: Executor, cancelled: OrderCancelled): Promise<ShipmentRecord | null> {
    const shipment = await this.shipments.transition({ orderId: cancelled.orderId }, 'PENDING', 'CANCELLED', this.now(), tx);
    if (shipment) await announceShipment(tx, shipment);
    return shipment;
  }

  /** order.claimed: the order's shipment becomes the claiming customer's (their `Order.shipment`, their shipment queries). */
  async claim(tx: Executor, claimed: OrderClaimed): Promise<void> {
    await this.shipments.moveToCustomer(claimed.orderId, claimed.guestCustomerId, claimed.customerId, this.now(), tx);
  }
}
