import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';

describe('scanRequirements (smoke)', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
    await seedCatalog(service.dataSource, service.clock.now());
  });
  afterAll(async () => service.close());

  it('scans against a runtime', async () => {
    const response = await service.gql(
      `query($content: String!) { scanRequirements(content: $content, runtime: "37.22.0") {
        requirements { line name extras specifiers { operator version } marker url editable hashes }
        findings { code severity line package message } summary { errors warnings infos } } }`,
      { content: 'Django==1.11.29\nrequests>=2\nnot a requirement!!\n' },
    );
    expect(response.errors).toBeUndefined();
    const report = response.data!.scanRequirements;
    expect(report.requirements.map((r: any) => r.name)).toEqual(['django', 'requests']);
    expect(report.findings.map((f: any) => f.code)).toContain('RUNTIME_OVERRIDE');
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'PARSE_ERROR', severity: 'ERROR', line: 3 }));
  });
});
