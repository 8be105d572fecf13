/** The outcome of one item of a group: its value, or the error that refused it alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const settle = <T>(work: Promise<T>): Promise<Settled<T>> =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * Group commit: items submitted while a group is being stored wait and go together in the next
 * group, so under load many writes share one transaction, while a lone write goes at once (no
 * timer, no added latency). `store` answers one outcome per item, in order.
 *
 * Under load it yields one event-loop turn between groups and keeps groups small: on the
 * synchronous SQLite driver a group's statements never give the loop back, so one long group, or
 * groups chained in microtasks, would hold every ack and delivery behind them. (This bounds the
 * longest synchronous run; on bench/chat its effect is within the run-to-run spread.)
 */
export class GroupCommit<I, O> {
  private waiting: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  constructor(
    private readonly store: (items: readonly I[]) => Promise<Array<Settled<O>>>,
    private readonly maxGroup = 16,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.waiting.length === 0) return;
    this.running = true;
    const group = this.waiting.splice(0, this.maxGroup);
    this.store(group.map((g) => g.item))
      .then(
        (outcomes) =>
          group.forEach((g, i) => {
            const outcome = outcomes[i];
            if (!outcome) g.reject(new Error('group commit lost an outcome'));
            else if (outcome.ok) g.resolve(outcome.value);
            else g.reject(outcome.error);
          }),
        (error: unknown) => group.forEach((g) => g.reject(error)),
      )
      .finally(() => {
        this.running = false;
        if (this.waiting.length > 0) setImmediate(() => this.next());
      });
  }
}
