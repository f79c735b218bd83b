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

/**
 * Merges async iterables that are each in `before` order into one stream in that order (a k-way merge on a binary
 * heap; ties in input order). Only one item per input is held. The first item of each is fetched `primeLimit`
 * inputs at a time, since each is a network round trip. An input that throws stops the merge, so an input whose
 * failures must not stop the others handles them itself (as the S3 source's scopes do).
 */
export async function* mergeOrdered<T>(
  inputs: readonly AsyncIterable<T>[],
  before: (a: T, b: T) => boolean,
  primeLimit = 8,
): AsyncGenerator<T> {
  type Head = { value: T; it: AsyncIterator<T>; input: number };
  const heap: Head[] = [];
  // Items `before` cannot tell apart come in input order.
  const less = (i: number, j: number): boolean => {
    const a = heap[i] as Head;
    const b = heap[j] as Head;
    return before(a.value, b.value) || (!before(b.value, a.value) && a.input < b.input);
  };
  const swap = (i: number, j: number): void => {
    const t = heap[i] as Head;
    heap[i] = heap[j] as Head;
    heap[j] = t;
  };
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) return;
      swap(i, p);
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const iterators = inputs.map((x) => x[Symbol.asyncIterator]());
  try {
    const firsts: (IteratorResult<T> | undefined)[] = new Array(iterators.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < iterators.length) {
        const i = next++;
        firsts[i] = await (iterators[i] as AsyncIterator<T>).next();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(primeLimit, iterators.length)) }, worker));
    iterators.forEach((it, i) => {
      const r = firsts[i];
      if (r && !r.done) {
        heap.push({ value: r.value, it, input: i });
        up(heap.length - 1);
      }
    });
    while (heap.length > 0) {
      const top = heap[0] as Head;
      yield top.value;
      const r = await top.it.next();
      if (r.done) {
        const last = heap.pop() as Head;
        if (heap.length > 0) {
          heap[0] = last;
          down(0);
        }
      } else {
        top.value = r.value;
        down(0);
      }
    }
  } finally {
    await Promise.allSettled(iterators.map((it) => it.return?.(undefined)));
  }
}
