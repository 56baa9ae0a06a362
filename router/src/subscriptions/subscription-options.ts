/** Limits of the router's graphql-ws endpoint. Every field has a default; see `resolveSubscriptionOptions`. */
export interface SubscriptionOptions {
  /**
   * Operations one socket may run at once; the next one gets an `error` message with code
   * `TOO_MANY_SUBSCRIPTIONS`. Each costs an upstream subscription, so a client cannot fan out.
   * @default 10
   */
  maxPerConnection?: number;
  /**
   * Open sockets per client IP; the next upgrade is refused with HTTP 429. Counted on the TCP peer
   * address, so behind a proxy this is per proxy unless the proxy limits per client itself.
   * @default 20
   */
  maxConnectionsPerIp?: number;
  /** Time a socket may stay open without `connection_init` before it is closed with 4408. @default 3_000 */
  initTimeoutMs?: number;
  /** Largest accepted WebSocket message in bytes. @default 100_000 */
  maxPayloadBytes?: number;
}

export type ResolvedSubscriptionOptions = Required<SubscriptionOptions>;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`subscriptions.${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** Fills defaults and fails loudly on nonsense, so a typo in configuration never means "unlimited". */
export function resolveSubscriptionOptions(options: SubscriptionOptions = {}): ResolvedSubscriptionOptions {
  return {
    maxPerConnection: positiveInteger('maxPerConnection', options.maxPerConnection ?? 10),
    maxConnectionsPerIp: positiveInteger('maxConnectionsPerIp', options.maxConnectionsPerIp ?? 20),
    initTimeoutMs: positiveInteger('initTimeoutMs', options.initTimeoutMs ?? 3_000),
    maxPayloadBytes: positiveInteger('maxPayloadBytes', options.maxPayloadBytes ?? 100_000),
  };
}
