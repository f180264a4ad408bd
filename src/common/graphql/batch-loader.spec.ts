import { describe, expect, it } from 'vitest';
import { BatchLoader, loaderFor } from './batch-loader';

describe('BatchLoader', () => {
  it('loads every key asked in the same tick with one call, deduplicated', async () => {
    const calls: number[][] = [];
    const loader = new BatchLoader<number, string>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((key) => [key, `v${key}`]));
    }, 'none');
    const values = await Promise.all([loader.load(1), loader.load(2), loader.load(1)]);
    expect(values).toEqual(['v1', 'v2', 'v1']);
    expect(calls).toEqual([[1, 2]]);
    expect(await loader.load(3)).toBe('v3');
    expect(calls).toHaveLength(2);
  });

  it('answers the fallback for missing keys and rejects every waiter when loading fails', async () => {
    const loader = new BatchLoader<number, string>(async () => new Map(), 'none');
    expect(await loader.load(7)).toBe('none');
    const failing = new BatchLoader<number, string>(async () => {
      throw new Error('database down');
    }, 'none');
    await expect(Promise.all([failing.load(1), failing.load(2)])).rejects.toThrow('database down');
  });

  it('keeps one loader per request context and name', () => {
    const context = {};
    const make = () => new BatchLoader<number, number>(async () => new Map(), 0);
    expect(loaderFor(context, 'a', make)).toBe(loaderFor(context, 'a', make));
    expect(loaderFor(context, 'a', make)).not.toBe(loaderFor({}, 'a', make));
  });
});
