import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../setup/test-app';

describe('health, readiness, metrics and request ids', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service.close());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('exposes Prometheus metrics per GraphQL operation, for the pool and the process', async () => {
    await service.gql(`query CatalogForMetrics { releases { version } }`);
    await service.gql(`query BrokenForMetrics { nope }`);
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/pype_graphql_operations_total\{operation="CatalogForMetrics",type="query",outcome="success"\} 1/);
    expect(text).toMatch(/pype_graphql_operation_duration_seconds_bucket\{le="0\.005",operation="CatalogForMetrics"/);
    expect(text).toMatch(/pype_graphql_operations_total\{operation="BrokenForMetrics",type="unknown",outcome="error"\} 1/);
    expect(text).toMatch(/pype_db_pool_connections\{state="total"\} \d+/);
    expect(text).toContain('pype_process_resident_memory_bytes');
    expect(text).toMatch(/pype_http_request_duration_seconds_count\{method="POST",route="\/graphql",status_code="200"\}/);
  });

  it('returns a request id, keeping a sane incoming one', async () => {
    const generated = await fetch(`${service.url}/healthz`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'proxy-abc.123' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-abc.123');
    const replaced = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('hides internal errors from clients', async () => {
    const response = await service.gql(`{ releases { version } }`);
    expect(response.errors).toBeUndefined();
    const parse = await service.gql(`{ releases { `);
    expect(parse.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(parse.errors)).not.toContain('stacktrace');
  });
});
