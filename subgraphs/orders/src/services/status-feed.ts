import { asyncIterator, type PubSub } from '@shop/cache';

/** What every status feed carries: changes of one subject numbered 1, 2, ... */
export interface NumberedChange<TStatus extends string> {
  position: number;
  status: TStatus;
}

/** How one kind of subject (an order, a return) is fed. */
export interface StatusFeedSpec<TChange extends NumberedChange<string>> {
  /** Topic prefix; a subject's changes go to `<topic>:<subject id>`. */
  topic: string;
  subjectOf: (change: TChange) => string;
  /** The subject's changes so far, oldest first. */
  history: (subjectId: string) => Promise<TChange[]>;
  /** After one of these nothing changes any more: the stream ends. */
  finalStatuses: ReadonlySet<TChange['status']>;
}

/**
 * Live status changes per subject over the pub/sub port (Redis in services mode, so any replica's
 * step reaches a subscriber connected to another). A subscriber first gets the subject's whole
 * history, then every later change, each exactly once and in order (deduplicated by position):
 * subscribing right after the subject was created still shows its first status. The stream ends
 * after a final status.
 */
export class StatusFeed<TChange extends NumberedChange<string>> {
  constructor(
    private readonly pubsub: PubSub,
    private readonly spec: StatusFeedSpec<TChange>,
  ) {}

  publish(change: TChange): Promise<void> {
    return this.pubsub.publish(this.topicOf(this.spec.subjectOf(change)), JSON.stringify(change));
  }

  async subscribe(subjectId: string): Promise<AsyncIterableIterator<TChange>> {
    // Listen first, then read the history: a change committed in between is in one or the other.
    const live = await asyncIterator(this.pubsub, this.topicOf(subjectId));
    const backlog = await this.spec.history(subjectId);
    let last = backlog.at(-1)?.position ?? 0;
    let ended = false;
    const end = async (): Promise<IteratorResult<TChange>> => {
      ended = true;
      await live.return?.();
      return { value: undefined, done: true };
    };
    const deliver = (change: TChange): IteratorResult<TChange> => {
      if (this.spec.finalStatuses.has(change.status)) ended = true;
      return { value: change, done: false };
    };
    const iterator: AsyncIterableIterator<TChange> = {
      async next() {
        const queued = backlog.shift();
        if (queued) return deliver(queued);
        if (ended) return end();
        for (;;) {
          const message = await live.next();
          if (message.done) return message;
          const change = JSON.parse(message.value) as TChange;
          if (change.position <= last) continue;
          last = change.position;
          return deliver(change);
        }
      },
      return: end,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private topicOf(subjectId: string): string {
    return `${this.spec.topic}:${subjectId}`;
  }
}
