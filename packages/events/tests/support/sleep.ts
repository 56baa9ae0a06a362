import { eventually, type EventuallyOptions } from '@shop/testkit';

/** `eventually` of @shop/testkit with `what` first, as these suites call it. */
export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, options: Omit<EventuallyOptions, 'what'> = {}): Promise<void> => {
  await eventually(check, { timeoutMs: 20_000, ...options, what });
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
