import { createClient } from 'graphql-ws';
import { parse, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import WebSocket from 'ws';
import type { ReadmeExample } from './readme-examples';

/** What earlier answers told a reader to paste into later requests. */
export interface ReaderState {
  token?: string;
  productId?: string;
  /** An in-stock variant, when an answer listed variants with their stock. */
  variantId?: string;
  cartId?: string;
  orderId?: string;
  /** A guest cart's token, from the addToCart that created it (sent back as `x-cart-token: $CART_TOKEN`). */
  cartToken?: string;
}

type Json = Record<string, unknown>;

/** Every non-empty payload `errors` list in an answer (typed business failures). */
export function payloadErrors(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(payloadErrors);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'errors' && Array.isArray(inner) ? inner : payloadErrors(inner)));
}

/** Paths of every `totalCount: 0` in an answer: an example that shows nothing teaches nothing. */
export function emptyResults(value: unknown, path = 'data'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => emptyResults(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'totalCount' && inner === 0 ? [path] : emptyResults(inner, `${path}.${key}`)));
}

/** Remembers the latest access token, an in-stock product, the cart and the order. */
function remember(value: unknown, state: ReaderState, key?: string): void {
  if (Array.isArray(value)) return value.forEach((item) => remember(item, state, key));
  if (value === null || typeof value !== 'object') return;
  const object = value as Json;
  if (typeof object.accessToken === 'string') state.token = object.accessToken;
  if (typeof object.cartToken === 'string') state.cartToken = object.cartToken;
  if (key === 'node' && object.inStock === true && typeof object.id === 'string') state.productId ??= object.id;
  if (key === 'variants' && object.inStock === true && typeof object.id === 'string') state.variantId ??= object.id;
  if (key === 'cart' && typeof object.id === 'string') state.cartId = object.id;
  if (key === 'order' && typeof object.id === 'string') state.orderId = object.id;
  for (const [name, inner] of Object.entries(object)) remember(inner, state, name);
}

/** Fills what the README leaves to the reader: the product to add, the cart to order, the order to watch, the tokens to send. */
function prepare(example: ReadmeExample, state: ReaderState) {
  // Without a variant seen yet, the product's own id: a product without options has one variant, with the product's id.
  const variantId = state.variantId ?? state.productId ?? 'VARIANT_ID';
  const query = example.query
    .replaceAll('PRODUCT_ID', state.productId ?? 'PRODUCT_ID')
    .replaceAll('VARIANT_ID', variantId)
    .replaceAll('CART_ID', state.cartId ?? 'CART_ID')
    .replaceAll('ORDER_ID', state.orderId ?? 'ORDER_ID');
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const known: Json = { cartId: state.cartId, id: state.orderId, orderId: state.orderId, productId: state.productId, variantId };
  const variables: Json = { ...example.variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in variables) && known[name] !== undefined) variables[name] = known[name];
  }
  const headers = Object.fromEntries(
    Object.entries(example.headers).map(([name, value]) => [
      name,
      value.replace('$ACCESS_TOKEN', state.token ?? '').replace('$CART_TOKEN', state.cartToken ?? ''),
    ]),
  );
  // Sandbox and GraphiQL examples run "once signed in": the Headers editor holds the latest token.
  if (example.source === 'graphql' && state.token && !headers.authorization) headers.authorization = `Bearer ${state.token}`;
  return { query, variables, headers };
}

function firstEvent(routerUrl: string, query: string, variables: Json, headers: Record<string, string>): Promise<ExecutionResult> {
  const client = createClient({ url: routerUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: headers, retryAttempts: 0 });
  return new Promise<ExecutionResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no subscription event within 10 s')), 10_000);
    client.subscribe(
      { query, variables },
      {
        next: (event) => {
          clearTimeout(timer);
          resolve(event as ExecutionResult);
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => undefined,
      },
    );
  }).finally(() => void client.dispose());
}

/** Sends one README request as a reader would, then remembers what its answer says. */
export async function runExample(routerUrl: string, example: ReadmeExample, state: ReaderState): Promise<ExecutionResult> {
  const { query, variables, headers } = prepare(example, state);
  const result =
    example.kind === 'subscription'
      ? await firstEvent(routerUrl, query, variables, headers)
      : ((await (
          await fetch(routerUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) })
        ).json()) as ExecutionResult);
  remember(result.data, state);
  return result;
}
