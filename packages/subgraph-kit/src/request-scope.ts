import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  subgraph: string;
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs a request's work inside its scope, so anything below it can tell which request it serves. */
export const runInRequestScope = <T>(scope: RequestScope, work: () => T): T => storage.run(scope, work);

/**
 * The request being served, or undefined for background work (relays, consumers, sweepers). Used
 * to attribute SQL statements to the subgraph request that caused them.
 */
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
