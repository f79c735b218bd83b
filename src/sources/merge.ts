/**
 * Runs up to `limit` async iterables at once and yields their items as they arrive. Each running iterable has at
 * most one item in flight, so memory stays bounded by `limit` items whatever the volume.
 */
export async function* mergeConcurrent<T>(
  sources: Iterable<() => AsyncIterable<T>> | AsyncIterable<() => AsyncIterable<T>>,
  limit: number,
): AsyncGenerator<T> {
  const srcIt =
    Symbol.asyncIterator in sources
      ? (sources as AsyncIterable<() => AsyncIterable<T>>)[Symbol.asyncIterator]()
      : (sources as Iterable<() => AsyncIterable<T>>)[Symbol.iterator]();
  type Slot = { it: AsyncIterator<T>; p: Promise<{ slot: Slot; r: IteratorResult<T> }> };
  const active = new Set<Slot>();
  let exhausted = false;
  const pull = (slot: Slot): void => {
    slot.p = slot.it.next().then((r) => ({ slot, r }));
  };
  const fill = async (): Promise<void> => {
    while (!exhausted && active.size < Math.max(1, limit)) {
      const n = await srcIt.next();
      if (n.done) {
        exhausted = true;
        return;
      }
      const slot = { it: n.value()[Symbol.asyncIterator]() } as Slot;
      pull(slot);
      active.add(slot);
    }
  };
  try {
    await fill();
    while (active.size > 0) {
      const { slot, r } = await Promise.race([...active].map((s) => s.p));
      if (r.done) {
        active.delete(slot);
        await fill();
        continue;
      }
      pull(slot);
      yield r.value;
    }
  } finally {
    // Stopped early (max-events, an error): let every running source close its streams and mark its scope.
    const closing = [...active].map(async (s) => {
      await s.p.catch(() => undefined);
      await s.it.return?.(undefined);
    });
    active.clear();
    await Promise.allSettled(closing);
    await srcIt.return?.(undefined);
  }
}
