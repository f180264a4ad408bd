/**
 * Collects the keys asked for during one tick and loads them with one call, like DataLoader:
 * resolving `deployments` for 100 applications on a page makes one query, not 100.
 */
export class BatchLoader<K, V> {
  private pending: Array<{ key: K; resolve: (value: V) => void; reject: (error: unknown) => void }> = [];

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly fallback: V,
  ) {}

  load(key: K): Promise<V> {
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

export type LoaderContext = { loaders?: Map<string, BatchLoader<unknown, unknown>> };

/** The request's loader of this name (created on first use), so batches never mix requests. */
export function loaderFor<K, V>(context: LoaderContext, name: string, create: () => BatchLoader<K, V>): BatchLoader<K, V> {
  context.loaders ??= new Map();
  let loader = context.loaders.get(name) as BatchLoader<K, V> | undefined;
  if (!loader) {
    loader = create();
    context.loaders.set(name, loader as BatchLoader<unknown, unknown>);
  }
  return loader;
}
