/**
 * Passes on at most one value per interval: the first at once (when `leading`), then the latest
 * one offered during the interval when it ends. For typing indicators and read receipts.
 */
export class Throttle<T> {
  private timer: NodeJS.Timeout | undefined;
  private pending: { value: T } | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (value: T) => void | Promise<void>,
  ) {}

  offer(value: T, { leading }: { leading: boolean }): void {
    if (!this.timer && leading) {
      this.send(value);
      this.timer = setTimeout(() => this.tick(), this.intervalMs);
      return;
    }
    this.pending = { value };
    this.timer ??= setTimeout(() => this.tick(), this.intervalMs);
  }

  /** Delivers `value` now and forgets anything pending. */
  flushNow(value: T): void {
    this.pending = undefined;
    this.send(value);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private tick(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      this.send(pending.value);
      this.timer = setTimeout(() => this.tick(), this.intervalMs);
    }
  }

  private send(value: T): void {
    Promise.resolve()
      .then(() => this.deliver(value))
      .catch((error: unknown) => console.error('realtime: throttled delivery failed:', error));
  }
}
