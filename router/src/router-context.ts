import type { ClientIdentity } from './client-identity';

export interface RouterContext {
  identity: ClientIdentity | null;
  requestId: string;
  /** Where the client connected from (`clientIpOf`); signed into internal tokens as `cip`. */
  clientIp?: string;
  /** A guest shopper's key (`guestKeyOf` the `x-cart-token`); signed into internal tokens as `gst`. */
  guestKey?: string;
}
