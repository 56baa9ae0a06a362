import type { ClientIdentity } from './client-identity';

export interface RouterContext {
  identity: ClientIdentity | null;
  requestId: string;
}
