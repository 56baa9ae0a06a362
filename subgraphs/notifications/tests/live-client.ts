import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { MessageListener, PubSub, Unsubscribe } from '@shop/cache';
import type { Caller, SubgraphHarness } from '@shop/testkit';

/**
 * A pub/sub that counts live subscriptions per topic, so a test knows a subscriber is listening
 * before it makes the event that should reach it (pub/sub only reaches current listeners).
 */
export class WatchedPubSub implements PubSub {
  readonly listening = new Map<string, number>();
  constructor(private readonly inner: PubSub) {}

  publish(topic: string, message: string): Promise<void> {
    return this.inner.publish(topic, message);
  }

  async subscribe(topic: string, onMessage: MessageListener): Promise<Unsubscribe> {
    const unsubscribe = await this.inner.subscribe(topic, onMessage);
    this.listening.set(topic, (this.listening.get(topic) ?? 0) + 1);
    let active = true;
    return async () => {
      if (active) this.listening.set(topic, (this.listening.get(topic) ?? 1) - 1);
      active = false;
      await unsubscribe();
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * A graphql-ws client straight to the subgraph, as the router connects: `connection_init`
 * carries an internal token for `caller`. Records what arrives for one subscription.
 */
export function subscribe(harness: SubgraphHarness, caller: Caller | null, document: DocumentNode) {
  const client: Client = createClient({
    url: harness.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: async () => (caller ? { internalToken: await harness.internalToken(caller) } : {}),
    retryAttempts: 0,
  });
  const seen = { events: [] as ExecutionResult[], error: undefined as unknown, completed: false };
  client.subscribe(
    { query: print(document) },
    {
      next: (event) => void seen.events.push(event as ExecutionResult),
      error: (error) => void (seen.error = error),
      complete: () => void (seen.completed = true),
    },
  );
  return { seen, dispose: () => client.dispose() };
}
