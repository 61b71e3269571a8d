/**
 * Runs `work` on every item with at most `concurrency` in progress at once, in the items' order;
 * resolves when all are done. `work` is expected to handle its own failures (a rejection stops
 * the remaining items from starting and rejects the whole).
 */
export async function mapBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
