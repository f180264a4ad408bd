import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, createUser, recordDeployment, submitRequirements } from '../applications/support';
import { cycloneDxViolations } from '../setup/cyclonedx-schema';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

describe('CycloneDX SBOM export', () => {
  let service: TestService;
  let member: string;
  let outsider: string;
  const sbom = (slug: string, token: string | null, query = '') =>
    fetch(`${service.url}/exports/applications/${slug}/sbom.cdx.json${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    service = await startTestService({ now: '2018-10-01T15:00:00Z' });
    await seedCatalog(service.dataSource, service.clock.now());
    member = await createUser(service, 'dev-a@example.edu', [Role.DEVELOPER]);
    outsider = await createUser(service, 'dev-b@example.edu', [Role.DEVELOPER]);
    await createGroup(service, 'team-a', [], ['dev-a@example.edu']);
    await createGroup(service, 'team-b', [], ['dev-b@example.edu']);
    await createApplication(service, { slug: 'grades', group: 'team-a' });
    await recordDeployment(service, { application: 'grades', environment: 'PROD', runtime: '36.11.0' });
    await submitRequirements(service, 'grades', [{ path: 'requirements.txt', content: 'requests==2.20.0\nflask==1.0.2\ndjango>=1.11,<2\n' }], 'c0ffee1');
    await createApplication(service, { slug: 'library', group: 'team-a' });
  });
  afterAll(async () => service.close());

  it("lists the PROD runtime's bundled packages and the requirements that replace or add to them, valid CycloneDX 1.6", async () => {
    const response = await sbom('grades', member);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/vnd\.cyclonedx\+json; version="?1\.6"?(; charset=utf-8)?$/);
    const bom = (await response.json()) as any;
    expect(cycloneDxViolations(bom)).toEqual([]);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 });
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bom.metadata.timestamp).toBe('2018-10-01T15:00:00.000Z');
    expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'pype-lifecycle', version: expect.any(String) });
    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'grades', description: 'GRADES' });
    expect(bom.metadata.component.properties).toEqual(
      expect.arrayContaining([
        { name: 'pype:runtime', value: '36.11.0' },
        { name: 'pype:environment', value: 'PROD' },
        { name: 'pype:commit', value: 'c0ffee1' },
      ]),
    );
    const purls = bom.components.map((component: any) => component.purl).filter(Boolean);
    // 36.11.0 bundles django 1.11 (kept: the requirement accepts it) and requests 2.13.0 (replaced).
    expect(purls).toContain('pkg:pypi/django@1.11');
    expect(purls).toContain('pkg:pypi/requests@2.20.0');
    expect(purls).not.toContain('pkg:pypi/requests@2.13.0');
    expect(purls).toContain('pkg:pypi/flask@1.0.2');
    expect(bom.components[0]).toMatchObject({ type: 'platform', name: 'pype-runtime', version: '36.11.0' });
  });

  it('answers admins too, and anyone who may read the app', async () => {
    expect((await sbom('grades', BOOTSTRAP_TOKEN)).status).toBe(200);
  });

  it('answers 404 for an app the caller may not see, as for one that does not exist', async () => {
    for (const [slug, token] of [
      ['grades', outsider],
      ['no-such-app', member],
      ['%3Cscript%3E', member],
    ] as const) {
      const response = await sbom(slug, token);
      expect(response.status, slug).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', field: 'slug' });
    }
  });

  it('needs a valid API token', async () => {
    const anonymous = await sbom('grades', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('needs an API token') });
    expect((await sbom('grades', 'pype_not-a-real-token')).status).toBe(401);
  });

  it('asks for a runtime when the app runs nowhere in PROD, and takes one', async () => {
    const refused = await sbom('library', member);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'CONFLICT', field: 'runtime', message: expect.stringContaining('?runtime=') });
    const named = await sbom('library', member, '?runtime=37.21.0');
    expect(named.status).toBe(200);
    const bom = (await named.json()) as any;
    expect(cycloneDxViolations(bom)).toEqual([]);
    expect(bom.components[0]).toMatchObject({ name: 'pype-runtime', version: '37.21.0' });
    expect(bom.components.filter((component: any) => component.type === 'library').length).toBeGreaterThan(0);
    expect((await sbom('library', member, '?runtime=99.0.0')).status).toBe(404);
  });
});
