/**
 * Values that arrive over time (the sites of a paged listing), read in order by one
 * `for await` while more are still coming, as the runs that arrived together. `fail` ends
 * the reading with an error once everything that arrived before it was read; nobody
 * reading is no error.
 */
export class Arrivals<T> implements AsyncIterable<T[]> {
  private readonly items: T[] = [];
  private end: { error?: Error } | undefined;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  close(): void {
    this.end ??= {};
    this.notify();
  }

  fail(error: Error): void {
    this.end ??= { error };
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T[]> {
    for (let next = 0; ;) {
      if (next < this.items.length) {
        const run = this.items.slice(next);
        next = this.items.length;
        yield run;
        continue;
      }
      if (this.end?.error) throw this.end.error;
      if (this.end) return;
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
