import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Operation names come from clients: bound them so a client cannot blow up the label set. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus metrics of this process, in a registry of its own (several apps may share a process in tests). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly knownOperations = new Set<string>();
  private poolStats: () => PoolStats | null = () => null;

  private readonly operationDuration = new Histogram({
    name: 'pype_graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, by operation name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly operations = new Counter({
    name: 'pype_graphql_operations_total',
    help: 'GraphQL operations answered, by operation name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'pype_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pype_' });
    const stats = () => this.poolStats();
    new Gauge({
      name: 'pype_db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = stats();
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'active' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  watchPool(stats: () => PoolStats | null): void {
    this.poolStats = stats;
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid_name';
    if (this.knownOperations.has(name)) return name;
    if (this.knownOperations.size >= MAX_OPERATION_NAMES) return 'other';
    this.knownOperations.add(name);
    return name;
  }

  recordOperation(name: string | null | undefined, type: string, outcome: 'success' | 'error', seconds: number): void {
    const labels = { operation: this.operationLabel(name), type, outcome };
    this.operations.inc(labels);
    this.operationDuration.observe(labels, seconds);
  }

  recordHttpRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
