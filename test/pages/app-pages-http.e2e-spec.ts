/** `/apps/{slug}` over HTTP: the same visibility as the API, deployments with their runtime's status, findings by file and line, readiness. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { createApplication, createGroup, recordDeployment, submitRequirements } from '../applications/support';
import { PageClient } from './page-client';

describe('application pages over HTTP', () => {
  let service: TestService;
  let outsider: string;
  let member: string;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    member = await service.tokenFor([Role.DEVELOPER], 'member@example.edu');
    outsider = await service.tokenFor([Role.DEVELOPER], 'outsider@example.edu');
    await createGroup(service, 'registrar-team', ['member@example.edu']);
    await createApplication(service, { slug: 'transcripts', group: 'registrar-team', department: 'Registrar' });
    await recordDeployment(service, { application: 'transcripts', environment: 'PROD', runtime: '27.11.0', commit: 'aaaaaaa' });
    await recordDeployment(service, { application: 'transcripts', environment: 'TEST', runtime: '36.11.0', commit: 'bbbbbbb' });
    await submitRequirements(service, 'transcripts', [{ path: 'requirements/base.txt', content: '# base\nDjango==1.8.19\nrequests>=2.0,,<3\n' }], 'cafe123');
  });
  afterAll(async () => service.close());

  it('sends a visitor who is not signed in to the sign-in page, and back afterwards', async () => {
    const client = new PageClient(service.url);
    const page = await client.get('/apps/transcripts');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fapps%2Ftranscripts');
    const form = await client.get(page.headers.get('location')!);
    const signedIn = await client.post('/sign-in', { _csrf: form.csrf(), token: member, next: '/apps/transcripts' });
    expect(signedIn.headers.get('location')).toBe('/apps/transcripts');
  });

  it('shows deployments with their runtime status, findings by file and line, and readiness for the migration target', async () => {
    const client = new PageClient(service.url);
    await client.signIn(member);
    const page = await client.get('/apps/transcripts');
    expect(page.status).toBe(200);
    expect(page.flat).toContain('<h1>TRANSCRIPTS</h1>');
    expect(page.flat).toMatch(
      /<th scope="row">TEST<\/th><td><a href="\/releases\/36.11.0">36.11.0<\/a><\/td><td><span class="badge status-SUPPORTED">supported<\/span>/,
    );
    expect(page.flat).toMatch(
      /<th scope="row">PROD<\/th><td><a href="\/releases\/27.11.0">27.11.0<\/a><\/td><td><span class="badge status-SUPPORTED">supported<\/span>/,
    );
    expect(page.flat).toContain('<h4>requirements/base.txt</h4>');
    expect(page.flat).toContain('<span class="line-number">Line 3</span>requests&gt;=2.0,,&lt;3');
    expect(page.flat).toContain('<strong>PARSE_ERROR</strong>');
    expect(page.flat).toContain('Not ready to move from 27.11.0 to <a href="/releases/36.11.0">36.11.0</a>');
  });

  it('answers an application the viewer may not see exactly like one that does not exist', async () => {
    const client = new PageClient(service.url);
    await client.signIn(outsider);
    for (const path of ['/apps/transcripts', '/apps/no-such-app', '/apps/%3Cimg%20src%3Dx%3E', `/apps/${'x'.repeat(300)}`]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(404);
      expect(page.flat, path).toMatch(/(Application|Page) not found/);
      expect(page.text, path).not.toContain('<img src=x>');
    }
  });

  it('shows admins every application', async () => {
    const client = new PageClient(service.url);
    await client.signIn(BOOTSTRAP_TOKEN);
    expect((await client.get('/apps/transcripts')).status).toBe(200);
  });
});
