/**
 * Work that must wait until the transaction has committed (waking the outbox relay, pushing a
 * status change to live subscribers): doing it earlier could announce a change that rolls back.
 */
export class AfterCommit {
  private readonly tasks: Array<() => Promise<void> | void> = [];

  add(task: () => Promise<void> | void): void {
    this.tasks.push(task);
  }

  /** Runs every task; one failing (a pub/sub blip) does not stop the others or undo the commit. */
  async run(onError: (error: unknown) => void): Promise<void> {
    for (const task of this.tasks.splice(0)) {
      try {
        await task();
      } catch (error) {
        onError(error);
      }
    }
  }
}
