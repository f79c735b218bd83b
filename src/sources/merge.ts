/**
 * Runs up to `limit` async iterables at once and yields their items as they arrive. Each running iterable has at
 * most one item in flight, so memory stays bounded by `limit` items whatever the volume.
 *
 * Settled items are queued as they arrive rather than raced: `Promise.race` over a source that stays pending (a
 * download waiting on the network, a region waiting on its rate limit) adds a reaction to that source's promise on
 * every call, and each reaction keeps the race's result alive, i.e. every batch yielded in the meantime, until
 * the slow source settles. Measured on the S3 source at 8 objects at once: a third of each young-generation
 * collection survived because of it.
 */
export async function* mergeConcurrent<T>(
  sources: Iterable<() => AsyncIterable<T>> | AsyncIterable<() => AsyncIterable<T>>,
  limit: number,
): AsyncGenerator<T> {
  const srcIt =
    Symbol.asyncIterator in sources
      ? (sources as AsyncIterable<() => AsyncIterable<T>>)[Symbol.asyncIterator]()
      : (sources as Iterable<() => AsyncIterable<T>>)[Symbol.iterator]();
  type Slot = { it: AsyncIterator<T>; p: Promise<void> };
  type Settled = { slot: Slot; r: IteratorResult<T> } | { slot: Slot; error: unknown };
  const active = new Set<Slot>();
  const settled: Settled[] = [];
  let wake: (() => void) | undefined;
  let exhausted = false;
  const arrive = (s: Settled): void => {
    settled.push(s);
    const w = wake;
    wake = undefined;
    w?.();
  };
  const pull = (slot: Slot): void => {
    slot.p = slot.it.next().then(
      (r) => arrive({ slot, r }),
      (error: unknown) => arrive({ slot, error }),
    );
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
      let next = settled.shift();
      while (!next) {
        await new Promise<void>((resolve) => (wake = resolve));
        next = settled.shift();
      }
      const { slot } = next;
      if ('error' in next) {
        active.delete(slot);
        throw next.error;
      }
      if (next.r.done) {
        active.delete(slot);
        await fill();
        continue;
      }
      pull(slot);
      yield next.r.value;
    }
  } finally {
    // Stopped early (max-events, an error): let every running source close its streams and mark its scope.
    const closing = [...active].map(async (s) => {
      await s.p;
      await s.it.return?.(undefined);
    });
    active.clear();
    settled.length = 0;
    await Promise.allSettled(closing);
    await srcIt.return?.(undefined);
  }
}
