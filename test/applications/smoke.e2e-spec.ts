import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

describe('applications smoke', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T15:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
  });
  afterAll(async () => service.close());

  it('works end to end', async () => {
    const dev = await service.tokenFor(['DEVELOPER' as never], 'dev@example.edu');
    const g = await service.gql(`mutation { createGroup(input: { slug: "registrar", name: "Registrar devs", owners: ["dev@example.edu"] }) { id slug } }`, {}, BOOTSTRAP_TOKEN);
    expect(g.errors).toBeUndefined();
    const a = await service.gql(`mutation { createApplication(input: { slug: "grades", name: "Grades", department: "Registrar", group: "registrar", contacts: ["Ada@Example.edu"] }) { slug owningGroup { slug } contacts } }`, {}, dev);
    expect(a.errors).toBeUndefined();
    const d = await service.gql(`mutation { recordDeployment(input: { application: "grades", environment: PROD, runtime: "36.11.0", commit: "abcdef1" }) { environment runtime { version status } commit } }`, {}, dev);
    expect(d.errors).toBeUndefined();
    const s = await service.gql(`mutation($files: [RequirementsFileInput!]!) { submitRequirements(input: { application: "grades", commit: "abcdef2", files: $files }) { id commit scans { runtimeVersion environments errorCount findings { code } } } }`, { files: [{ path: 'requirements.txt', content: 'Django==1.11.29\nrequests\n' }] }, dev);
    expect(s.errors).toBeUndefined();
    console.log(JSON.stringify(s.data));
    const list = await service.gql(`{ applications { totalCount edges { node { slug deployments { environment runtime { version } } latestSnapshot { commit files { path bytes } } } } } }`, {}, dev);
    expect(list.errors).toBeUndefined();
    console.log(JSON.stringify(list.data));
    const impact = await service.gql(`{ releaseImpact(version: "37.22.0") { totalApplications applicationsWithErrors countsByCode { code applications } applications { nodes { application { slug } errorCount findings { code message } } } } }`, {}, BOOTSTRAP_TOKEN);
    expect(impact.errors).toBeUndefined();
    console.log(JSON.stringify(impact.data));
    const ready = await service.gql(`{ appReadiness(application: "grades", target: "37.22.0") { ready blockers { code } currentDeployments { environment runtimeVersion } } }`, {}, dev);
    expect(ready.errors).toBeUndefined();
    console.log(JSON.stringify(ready.data));
  });
});
