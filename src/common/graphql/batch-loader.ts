/**
 * Collects the keys asked for during one tick and loads them with one call, like DataLoader:
 * resolving `deployments` for 100 applications on a page makes one query, not 100.
 */
export class BatchLoader<K, V> {
  private pending: Array<{ key: K; resolve: (value: V) => void; reject: (error: unknown) => void }> = [];
  private readonly primed = new Map<K, V>();

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly fallback: V,
  ) {}

  /** Answers later loads of `key` with `value`, without loading: a parent query that already read it. */
  prime(key: K, value: V): void {
    this.primed.set(key, value);
  }

  load(key: K): Promise<V> {
    if (this.primed.has(key)) return Promise.resolve(this.primed.get(key) as V);
    return new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length === 1) process.nextTick(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const values = await this.loadMany([...new Set(batch.map((entry) => entry.key))]);
      for (const entry of batch) entry.resolve(values.get(entry.key) ?? this.fallback);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}

export type LoaderContext = { loaders?: Map<string, BatchLoader<unknown, unknown>>; primes?: Map<string, Map<unknown, unknown>> };

/**
 * Primes the request's loader of this name, created now or later by whoever resolves the field:
 * the resolver that read the values need not know how the loader loads.
 */
export function primeLoader<K, V>(context: LoaderContext, name: string, values: ReadonlyMap<K, V>): void {
  const loader = context.loaders?.get(name) as BatchLoader<K, V> | undefined;
  if (loader) {
    for (const [key, value] of values) loader.prime(key, value);
    return;
  }
  context.primes ??= new Map();
  const pending = (context.primes.get(name) as Map<K, V> | undefined) ?? new Map<K, V>();
  for (const [key, value] of values) pending.set(key, value);
  context.primes.set(name, pending);
}

/** The request's loader of this name (created on first use), so batches never mix requests. */
export function loaderFor<K, V>(context: LoaderContext, name: string, create: () => BatchLoader<K, V>): BatchLoader<K, V> {
  context.loaders ??= new Map();
  let loader = context.loaders.get(name) as BatchLoader<K, V> | undefined;
  if (!loader) {
    loader = create();
    for (const [key, value] of (context.primes?.get(name) as Map<K, V> | undefined) ?? []) loader.prime(key, value);
    context.loaders.set(name, loader as BatchLoader<unknown, unknown>);
  }
  return loader;
}
