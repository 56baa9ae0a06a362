import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  subgraph: string;
  requestId: string;
}

/**
 * Off unless something asks for it: on Node 20 an AsyncLocalStorage in use installs promise hooks,
 * a cost on every promise of every request.
 */
let storage: AsyncLocalStorage<RequestScope> | undefined;

/** Turns scopes on for requests that start from now on (tests attributing SQL to requests). */
export function trackRequestScopes(): void {
  storage ??= new AsyncLocalStorage<RequestScope>();
}

/** Runs a request's work inside its scope, so anything below it can tell which request it serves. */
export const runInRequestScope = <T>(scope: RequestScope, work: () => T): T => (storage ? storage.run(scope, work) : work());

/**
 * The request being served, or undefined for background work (relays, consumers, sweepers) and
 * while scopes are not tracked. Used to attribute SQL statements to the subgraph request that
 * caused them.
 */
export const currentRequestScope = (): RequestScope | undefined => storage?.getStore();
