/** Counts open sockets per client address, so one client cannot hold every file descriptor. */
export class ConnectionsPerIp {
  readonly #open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** A release function (call it once, when the socket closes), or null when `ip` is at the limit. */
  acquire(ip: string): (() => void) | null {
    const current = this.#open.get(ip) ?? 0;
    if (current >= this.max) return null;
    this.#open.set(ip, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(ip) ?? 1) - 1;
      if (left <= 0) this.#open.delete(ip);
      else this.#open.set(ip, left);
    };
  }
}
