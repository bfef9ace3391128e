/**
 * Sends the first report at once and then at most one per `intervalMs`: a report inside the window
 * is held and the latest held one goes out when the window ends, so the last word is never lost.
 */
export class ProgressThrottle<T> {
  private lastSentAt = 0;
  private held: T | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === undefined) {
      this.emit(value);
      return;
    }
    this.held = value;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        const held = this.held;
        this.held = undefined;
        if (held !== undefined) this.emit(held);
      },
      Math.max(0, wait),
    );
  }

  /** Sends what is held now (before the job's final event). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) this.emit(held);
  }

  /** Drops what is held (the job ended; a late progress would only be ignored). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held = undefined;
  }

  private emit(value: T): void {
    this.lastSentAt = this.now();
    this.send(value);
  }
}
