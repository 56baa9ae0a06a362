/**
 * Polls until `check` returns true; fails with `what` and the last observed state instead of a
 * bare timeout, so a red test says what never happened.
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 25, describe }: { timeoutMs?: number; intervalMs?: number; describe?: () => unknown } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; last state: ${JSON.stringify(describe())}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
