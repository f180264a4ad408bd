import { Counter, Gauge } from 'prom-client';
import type { MetricsService } from '../common/metrics/metrics.service';

/** How the signed-in answer cache does, in the service's registry (GET /metrics). */
export class AnswerCacheMetrics {
  private readonly lookups: Counter<'outcome'>;

  constructor(metrics: MetricsService, state: () => { entries: number; bytes: number }) {
    const registers = [metrics.registry];
    this.lookups = new Counter({
      name: 'pype_answer_cache_lookups_total',
      help: 'Signed-in inventory reads looked up in the answer cache, by outcome (hit: answered from memory)',
      labelNames: ['outcome'] as const,
      registers,
    });
    for (const outcome of ['hit', 'miss']) this.lookups.inc({ outcome }, 0);
    new Gauge({
      name: 'pype_answer_cache_bytes',
      help: 'Memory the remembered signed-in answers are charged, in bytes (at most ANSWER_CACHE_MAX_BYTES)',
      registers,
      collect() {
        this.set(state().bytes);
      },
    });
    new Gauge({
      name: 'pype_answer_cache_entries',
      help: 'Signed-in answers remembered now',
      registers,
      collect() {
        this.set(state().entries);
      },
    });
  }

  lookedUp(outcome: 'hit' | 'miss'): void {
    this.lookups.inc({ outcome });
  }
}
