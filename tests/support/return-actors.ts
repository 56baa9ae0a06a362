import { print, type ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { graphqlClient } from '@shop/testkit';
import { AdvanceShipmentDocument, OrderShipmentIdDocument, ReturnStatusChangedDocument, type ReturnStatusChangedSubscription } from '../__generated__/graphql';
import { orderWhen, placeOrder, shopperWithCart } from './checkout-actors';
import type { Actor } from './shop-actors';

type Client = ReturnType<typeof graphqlClient>;

/** A new customer's order of `lines`, placed, shipped and DELIVERED (the admin advances the shipment). */
export async function deliveredOrder(client: Client, routerUrl: string, admin: Actor, lines: Array<[productId: string, quantity: number]>, coupon?: string) {
  const { shopper, cartId } = await shopperWithCart(client, routerUrl, lines, coupon);
  const orderId = await placeOrder(client, shopper, cartId);
  await orderWhen(client, shopper, orderId, ['CONFIRMED']);
  const shipmentId = (await client(OrderShipmentIdDocument, { id: orderId }, { token: admin.token })).data!.order!.shipment!.id;
  for (const status of ['SHIPPED', 'DELIVERED']) {
    const advanced = (await client(AdvanceShipmentDocument, { shipmentId }, { token: admin.token })).data?.advanceShipment;
    if (advanced?.shipment?.status !== status) throw new Error(`advanceShipment: ${JSON.stringify(advanced)}`);
  }
  const order = await orderWhen(client, shopper, orderId, ['DELIVERED']);
  return { shopper, orderId, order };
}

/** Subscribes to `returnStatusChanged` through the router over graphql-ws and records every event. */
export function watchReturn(routerUrl: string, actor: Actor, returnId: string) {
  const client = createClient({
    url: routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${actor.token}` },
    retryAttempts: 0,
  });
  const seen = { events: [] as Array<ExecutionResult<ReturnStatusChangedSubscription>>, error: undefined as unknown, completed: false };
  client.subscribe(
    { query: print(ReturnStatusChangedDocument), variables: { returnId } },
    {
      next: (event) => void seen.events.push(event as ExecutionResult<ReturnStatusChangedSubscription>),
      error: (error) => void (seen.error = error),
      complete: () => void (seen.completed = true),
    },
  );
  return { seen, dispose: () => client.dispose() };
}
