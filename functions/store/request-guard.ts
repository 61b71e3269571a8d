import type { Key } from './keys.ts';
import { getItem, type Item } from './dynamo.ts';

/**
 * Awaits a request's guard (a link, a grant, a registry entry, a service gate, an audit entry)
 * and the route's own work side by side, so the guard adds no round trip in front of the work.
 * The guard outranks whatever the work answered, success or refusal: its failure, or `check`
 * refusing its value, is the answer. Both outcomes are awaited from the start, so neither is ever
 * an unhandled rejection.
 */
export async function guardFirst<G, T>(
  guard: Promise<G>,
  work: Promise<T>,
  check: (value: G) => void | Promise<void> = () => undefined,
): Promise<T> {
  const [guarded, answered] = await Promise.allSettled([guard, work]);
  if (guarded.status === 'rejected') throw guarded.reason;
  await check(guarded.value);
  if (answered.status === 'rejected') throw answered.reason;
  return answered.value;
}

/** What store/read.ts getItems adds to its batch for a guard, and where the item goes. */
export interface Rider {
  key: Key;
  deliver: (item: Item | undefined) => void;
  fail: (error: unknown) => void;
}

/**
 * An item a request's guard needs (the practice's registry entry, a proxy's grant), never read in
 * front of the route's own work: it rides along with the first BatchGetItem the route makes
 * (store/read.ts getItems), or, for a route that makes none, is read by one GetItem alongside.
 */
export class RideAlong<V> {
  /** The item, parsed, once a batch (or the guard's own GetItem) has brought it. */
  readonly value: Promise<V>;
  /** Whether a read has taken the item along (or the guard read it itself). */
  private taken = false;
  private resolve!: (item: Item | undefined) => void;
  private reject!: (error: unknown) => void;

  constructor(
    readonly key: Key,
    parse: (item: Item | undefined) => V,
  ) {
    this.value = new Promise<Item | undefined>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    }).then(parse);
  }

  /** For getItems: the key to add to this batch, the first time only. */
  take(): Rider | undefined {
    if (this.taken) return undefined;
    this.taken = true;
    return { key: this.key, deliver: this.resolve, fail: this.reject };
  }

  /** {@link guardFirst} on this item and `work`, which has issued its first reads already. */
  guard<T>(work: Promise<T>, check: (value: V) => void | Promise<void>): Promise<T> {
    void this.readUnlessTaken();
    return guardFirst(this.value, work, check);
  }

  /**
   * The route's first reads are issued before any I/O completes; if none took the item along by
   * the next turn of the event loop, it is read now, still alongside the route's own work.
   */
  private async readUnlessTaken(): Promise<void> {
    await new Promise((next) => setImmediate(next));
    const own = this.take();
    if (own) getItem(own.key).then(own.deliver, own.fail);
  }
}
