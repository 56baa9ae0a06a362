export interface WorkerLoopOptions {
  /**
   * One pass over the work (a batch): how many items it handled, or 'failed'. `fresh` is true when
   * the pass follows a wake during the idle wait or a full batch, so work is almost surely waiting
   * (a relay may then skip its cheap "anything to do?" probe).
   */
  pass: (fresh: boolean) => Promise<number | 'failed'>;
  /** A pass that handled this many items goes again at once: more are likely waiting. */
  batchSize: number;
  /** The idle wait after a pass that was not full, cut short by `wake()`. */
  idleMs: () => number | Promise<number>;
  /**
   * The wait after the n-th failed pass in a row (1, 2, ...). Only `stop()` cuts it: `wake()` on
   * every commit would hammer a broker or mail server that is down.
   */
  failureMs: (failures: number) => number;
  /** A pass that threw: logged by the caller, then treated as 'failed'. */
  onError: (error: unknown) => void;
}

export interface WorkerLoop {
  /** Works now instead of after the idle wait; call after committing a transaction that queued work. */
  wake(): void;
  /** Finishes the pass in flight, then stops. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The loop behind every relay and dispatcher (outbox relay, catalog event relay, mail
 * dispatcher): pass, then again at once after a full batch or a wake during the pass, otherwise
 * wait idle (a wake cuts it), and after a failure wait without being woken.
 */
export function startWorkerLoop(options: WorkerLoopOptions): WorkerLoop {
  const { pass, batchSize, idleMs, failureMs, onError } = options;
  let stopped = false;
  let woken = false;
  let interrupt: (() => void) | undefined;

  /** Resolves true when cut short (a wake or stop), false when the time ran out. */
  const sleep = (ms: number, wakeable: boolean) =>
    new Promise<boolean>((resolve) => {
      const finish = (cut: boolean) => {
        clearTimeout(timer);
        interrupt = undefined;
        resolve(cut);
      };
      const done = () => finish(true);
      const timer = setTimeout(() => finish(false), ms);
      interrupt = wakeable
        ? done
        : () => {
            if (stopped) done();
          };
    });

  const loop = async () => {
    let fresh = false;
    let failures = 0;
    while (!stopped) {
      woken = false;
      let result: number | 'failed';
      try {
        result = await pass(fresh);
      } catch (error) {
        onError(error);
        result = 'failed';
      }
      if (stopped) break;
      fresh = false;
      if (result === 'failed') {
        failures++;
        await sleep(failureMs(failures), false);
        continue;
      }
      failures = 0;
      if (result >= batchSize) fresh = true;
      // A wake() during the pass may be for work it did not see: pass again, without `fresh`
      // (it may as well be for work the pass just did). A wake during the idle wait is fresh.
      else if (!woken) {
        const ms = await idleMs();
        if (!stopped && !woken) fresh = await sleep(ms, true);
      }
    }
  };
  const running = loop();

  return {
    wake() {
      woken = true;
      interrupt?.();
    },
    async stop() {
      stopped = true;
      interrupt?.();
      await running;
    },
  };
}
