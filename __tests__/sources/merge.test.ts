/** mergeConcurrent and mergeOrdered: every item of every source, at most `limit` sources at once, errors and early stops, memory. */
import { describe, expect, it } from '@jest/globals';
import { collectGarbage } from '../../src/memory.js';
import { mergeConcurrent, mergeOrdered } from '../../src/sources/merge.js';

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mergeConcurrent', () => {
  it('yields every item of every source, each source in its own order, never more than `limit` open', async () => {
    let open = 0;
    let most = 0;
    const sources = Array.from(
      { length: 7 },
      (_, s) =>
        async function* () {
          open++;
          most = Math.max(most, open);
          try {
            for (let i = 0; i < 5; i++) {
              await tick((s * 3 + i) % 4);
              yield `${s}:${i}`;
            }
          } finally {
            open--;
          }
        },
    );
    const got = await drain(mergeConcurrent(sources, 3));
    expect(got).toHaveLength(35);
    expect(new Set(got).size).toBe(35);
    for (let s = 0; s < 7; s++) {
      const mine = got.filter((x) => x.startsWith(`${s}:`));
      expect(mine).toEqual([0, 1, 2, 3, 4].map((i) => `${s}:${i}`));
    }
    expect(most).toBe(3);
    expect(open).toBe(0);
  });

  it('takes its sources from an async generator, pulling a new one only when a slot frees', async () => {
    let made = 0;
    async function* sources(): AsyncGenerator<() => AsyncIterable<number>> {
      for (let s = 0; s < 4; s++) {
        made++;
        yield async function* () {
          await tick(1);
          yield s;
        };
      }
    }
    const it = mergeConcurrent(sources(), 2)[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(made).toBeLessThanOrEqual(3);
    const rest = await drain({ [Symbol.asyncIterator]: () => it });
    expect([first.value, ...rest].sort()).toEqual([0, 1, 2, 3]);
  });

  it('passes a source error on and closes the sources still running', async () => {
    const closed: string[] = [];
    const ok = async function* () {
      try {
        for (;;) {
          await tick(1);
          yield 'ok';
        }
      } finally {
        closed.push('ok');
      }
    };
    const bad = async function* () {
      await tick(3);
      yield 'bad-1';
      throw new Error('object read failed');
    };
    await expect(drain(mergeConcurrent([ok, bad], 2))).rejects.toThrow('object read failed');
    expect(closed).toEqual(['ok']);
  });

  it('closes every running source when the consumer stops early', async () => {
    const closed: number[] = [];
    const sources = [0, 1, 2].map(
      (s) =>
        async function* () {
          try {
            for (let i = 0; ; i++) {
              await tick(1);
              yield s * 100 + i;
            }
          } finally {
            closed.push(s);
          }
        },
    );
    let n = 0;
    for await (const _ of mergeConcurrent(sources, 3)) if (++n === 10) break;
    expect(closed.sort()).toEqual([0, 1, 2]);
  });

  it('keeps nothing it has yielded while another source stays pending', async () => {
    // One source waits (a slow download, a rate-limited region) while another yields 200 large items. The consumer
    // drops each item; none may stay reachable from the merge. (Racing the pending source's promise on every item
    // kept each race's result, and so every item, alive until the pending source settled.)
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const pending = (): AsyncIterable<number[]> => ({
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<number[]>> => {
          await gate;
          return { done: true, value: undefined };
        },
      }),
    });
    const refs: WeakRef<number[]>[] = [];
    const busy = async function* (): AsyncGenerator<number[]> {
      for (let i = 0; i < 200; i++) {
        await tick();
        const item = new Array<number>(2000).fill(i);
        refs.push(new WeakRef(item));
        yield item;
      }
    };
    const it = mergeConcurrent([pending, busy], 2)[Symbol.asyncIterator]();
    for (let i = 0; i < 200; i++) {
      const r = await it.next();
      expect(r.value?.[0]).toBe(i);
    }
    await tick();
    expect(collectGarbage()).toBe(true);
    await tick();
    const alive = refs.filter((r) => r.deref() !== undefined).length;
    expect(alive).toBeLessThanOrEqual(2);
    release();
    expect((await it.next()).done).toBe(true);
  });
});

describe('mergeOrdered', () => {
  async function* sorted(values: number[], pause = 0, log?: string[], name = ''): AsyncGenerator<number> {
    try {
      for (const v of values) {
        await tick(pause);
        yield v;
      }
    } finally {
      log?.push(`closed ${name}`);
    }
  }
  const lt = (a: number, b: number): boolean => a < b;

  it('merges inputs that are each in order into one stream in order, whatever their pace', async () => {
    // A seeded spread of 40 inputs of uneven length, some empty, some slow: more than the heap's first levels.
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) | 0;
    const inputs = Array.from({ length: 40 }, () =>
      Array.from({ length: rand(30) }, () => rand(1000)).sort((a, b) => a - b),
    );
    const out = await drain(
      mergeOrdered(
        inputs.map((v, i) => sorted(v, i % 5 === 0 ? 1 : 0)),
        lt,
        3,
      ),
    );
    expect(out).toEqual(inputs.flat().sort((a, b) => a - b));
  });

  it('breaks ties by input order when `before` cannot tell items apart', async () => {
    const tagged = (tag: string, times: number[]) =>
      (async function* () {
        for (const t of times) yield { tag, t };
      })();
    const out = await drain(
      mergeOrdered([tagged('a', [1, 2]), tagged('b', [1, 2]), tagged('c', [0, 2])], (x, y) => x.t < y.t),
    );
    expect(out.map((x) => `${x.tag}${x.t}`)).toEqual(['c0', 'a1', 'b1', 'a2', 'b2', 'c2']);
  });

  it('passes an input error on and closes every input; an early stop closes them too', async () => {
    const log: string[] = [];
    async function* failing(): AsyncGenerator<number> {
      try {
        yield 1;
        throw new Error('listing failed');
      } finally {
        log.push('closed bad');
      }
    }
    await expect(drain(mergeOrdered([sorted([0, 5], 0, log, 'a'), failing()], lt))).rejects.toThrow(
      'listing failed',
    );
    expect(log.sort()).toEqual(['closed a', 'closed bad']);
    log.length = 0;
    for await (const v of mergeOrdered([sorted([1, 3, 5], 0, log, 'x'), sorted([2, 4], 0, log, 'y')], lt))
      if (v >= 2) break;
    expect(log.sort()).toEqual(['closed x', 'closed y']);
  });
});
