/**
 * The pages over plain HTTP (what a browser sends, without a browser): status codes, cookies,
 * CSRF refusals and the escaping of odd input. test/pages/*-browser.e2e-spec.ts drive them in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { Role } from '../../src/auth/role';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { PageClient } from './page-client';
import { eventually } from '../setup/eventually';

describe('pages over HTTP', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ now: '2026-12-06T15:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2018-06-01T12:00:00Z'));
  });
  afterAll(async () => service.close());

  it('shows the catalog to anyone, says that every release has ended today and links to a day when they were supported', async () => {
    const page = await new PageClient(service.url).get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.flat).toContain('No release is supported today (2026-12-06).');
    expect(page.flat).toMatch(/<a href="\/\?on=(\d{4}-\d{2}-\d{2})">See the catalog on \1<\/a>/);
    for (const version of ['27.11.0', '36.11.0', '36.20.0', '37.21.0', '37.22.0']) expect(page.flat).toContain(`<a href="/releases/${version}">${version}</a>`);
    expect(page.headers.get('set-cookie')).toBeNull();
  });

  it('shows another day with its statuses and the recommended release', async () => {
    const page = await new PageClient(service.url).get('/?on=2018-10-01');
    expect(page.flat).toContain(
      '4 of 5 releases are supported on 2018-10-01 (1 in the notice window before end of support); <a href="/releases/36.11.0">36.11.0</a> is recommended',
    );
    expect(page.flat).toContain('★ recommended');
    expect(page.flat).toContain('Shown day 2018-10-01');
  });

  it('answers a date that is not one with today and says why', async () => {
    const page = await new PageClient(service.url).get('/?on=2019-02-30%3Cb%3E');
    expect(page.status).toBe(400);
    expect(page.flat).toContain('The date must be a real day written YYYY-MM-DD');
    expect(page.flat).not.toContain('<b>');
  });

  it('shows a release with its packages, target and rollout', async () => {
    const page = await new PageClient(service.url).get('/releases/27.11.0?on=2019-06-01');
    expect(page.status).toBe(200);
    expect(page.flat).toContain('<h1>Release 27.11.0</h1>');
    expect(page.flat).toContain('<a href="/releases/36.11.0">36.11.0</a>');
    expect(page.flat).toContain('bundled packages');
    expect(page.flat).toMatch(/<th scope="row">PROD<\/th>/);
    expect(page.flat).toContain('Admins and managers who sign in see which of their applications');
  });

  it('answers unknown releases, odd characters and unknown paths with a real 404 page', async () => {
    const client = new PageClient(service.url);
    for (const path of [
      '/releases/99.1.0',
      '/releases/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/releases/%00%27%22',
      `/releases/${'9'.repeat(300)}`,
      '/no/such/page',
    ]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(404);
      expect(page.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(page.flat, path).toContain('not found');
      expect(page.text, path).not.toMatch(/<script>|at \w+ \(|node_modules/);
    }
  });

  it('answers API clients asking for JSON on unknown paths in JSON', async () => {
    const response = await fetch(`${service.url}/no/such/thing`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, message: 'Cannot GET /no/such/thing' });
  });

  it('signs in with a pasted token into an HttpOnly session cookie and out again', async () => {
    const client = new PageClient(service.url);
    const form = await client.get('/sign-in');
    const visitorCookie = form.headers.get('set-cookie') ?? '';
    expect(visitorCookie).toMatch(/^pype_visitor=[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
    const signedIn = await client.post('/sign-in', { _csrf: form.csrf(), token: BOOTSTRAP_TOKEN, next: '/releases/36.11.0' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/releases/36.11.0');
    expect(signedIn.headers.get('set-cookie')).toMatch(/^pype_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    expect(signedIn.headers.get('location')).not.toContain(BOOTSTRAP_TOKEN);

    const release = await client.get('/releases/36.11.0');
    expect(release.flat).toContain('Signed in as <strong>bootstrap-admin</strong>');
    expect(release.flat).toContain('Impact on applications you can see');
    expect(release.headers.get('cache-control')).toBe('no-store');

    const sessions = await service.dataSource.query(`SELECT token_hash FROM page_sessions`);
    expect(sessions).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toContain(BOOTSTRAP_TOKEN);

    const signedOut = await client.post('/sign-out', { _csrf: release.csrf() });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('set-cookie')).toContain('pype_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(await service.dataSource.query(`SELECT 1 FROM page_sessions`)).toHaveLength(0);
    expect((await client.get('/releases/36.11.0')).text).not.toContain('Signed in as');
  });

  it('refuses a sign-in or sign-out without the CSRF token, and changes nothing', async () => {
    const client = new PageClient(service.url);
    await client.get('/sign-in');
    const refused = await client.post('/sign-in', { token: BOOTSTRAP_TOKEN });
    expect(refused.status).toBe(403);
    expect(refused.flat).toContain('Form refused');
    const forged = await client.post('/sign-in', { token: BOOTSTRAP_TOKEN, _csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(await service.dataSource.query(`SELECT 1 FROM page_sessions`)).toHaveLength(0);

    const signedIn = await client.signIn(BOOTSTRAP_TOKEN);
    const outWithoutToken = await client.post('/sign-out', {});
    expect(outWithoutToken.status).toBe(403);
    expect((await client.get('/')).text).toContain('Signed in as');
    await client.post('/sign-out', { _csrf: signedIn.csrf() });
  });

  it('says clearly when a token is unknown, revoked or expired at sign-in', async () => {
    const client = new PageClient(service.url);
    const form = await client.get('/sign-in');
    const unknown = await client.post('/sign-in', { _csrf: form.csrf(), token: 'pype_not-a-real-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.flat).toContain('Not signed in: The API token is not valid.');

    const token = await service.tokenFor([Role.DEVELOPER], 'revoked@example.edu');
    await service.dataSource.query(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE email = 'revoked@example.edu')`);
    const revoked = await client.post('/sign-in', { _csrf: form.csrf(), token });
    expect(revoked.flat).toContain('Not signed in: The API token &#39;test&#39; has been revoked.');

    const expiring = await service.tokenFor([Role.DEVELOPER], 'expired@example.edu');
    await service.dataSource.query(
      `UPDATE api_tokens SET expires_at = '2026-01-01' WHERE user_id = (SELECT id FROM users WHERE email = 'expired@example.edu')`,
    );
    const expired = await client.post('/sign-in', { _csrf: form.csrf(), token: expiring });
    expect(expired.flat).toContain('Not signed in: The API token &#39;test&#39; expired on 2026-01-01');
    expect(await service.dataSource.query(`SELECT 1 FROM page_sessions`)).toHaveLength(0);
  });

  it('ends the session when its token is revoked later, and says why', async () => {
    const token = await service.tokenFor([Role.MANAGER], 'later@example.edu');
    const client = new PageClient(service.url);
    await client.signIn(token);
    expect((await client.get('/')).flat).toContain('Signed in as <strong>later@example.edu</strong>');
    await service.dataSource.query(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE email = 'later@example.edu')`);
    // Replicas learn of the revocation by notification (the token lookup cache), a moment after the commit.
    const after = await eventually(
      () => client.get('/sign-in'),
      (page) => page.status === 200,
    );
    expect(after.flat).toContain('You were signed out: The API token &#39;test&#39; has been revoked.');
    expect(after.headers.get('set-cookie')).toContain('pype_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(await service.dataSource.query(`SELECT 1 FROM page_sessions`)).toHaveLength(0);
  });

  it('does not follow a sign-in to another site', async () => {
    const client = new PageClient(service.url);
    const form = await client.get('/sign-in');
    const signedIn = await client.post('/sign-in', { _csrf: form.csrf(), token: BOOTSTRAP_TOKEN, next: '//evil.example/' });
    expect(signedIn.headers.get('location')).toBe('/');
  });

  it('serves the stylesheet from the service', async () => {
    const response = await fetch(`${service.url}/assets/pages.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toContain('.skip-link');
  });

  it('answers a path with broken percent-encoding with a page, not a stack trace', async () => {
    const page = await new PageClient(service.url).get('/releases/%E0%A4%A');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.flat).toContain('This address has characters that cannot be read');
  });

  it('opens the explorer for a browser at GET /graphql, served from the service (no CDN)', async () => {
    const page = await new PageClient(service.url).get('/graphql');
    expect(page.status).toBe(200);
    expect(page.flat).toContain('<h1>GraphQL explorer</h1>');
    expect(page.flat).toContain('<script src="/assets/explorer.js" defer></script>');
    expect(page.text).not.toMatch(/https?:\/\/(?!example)/);
    const script = await fetch(`${service.url}/assets/explorer.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("fetch('/graphql'");
  });

  it('leaves the API at /graphql as it was: JSON POSTs run, a GET without a preflight header is refused by CSRF prevention', async () => {
    expect((await service.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${service.url}/graphql?query=%7B__typename%7D`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(400);
    expect(await get.text()).toContain('CSRF');
    const form = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'pype_session=x' },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
  });

  describe('/scan', () => {
    const multipartBody = (fields: Record<string, string>, file?: { name: string; content: string | Buffer }) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      if (file) form.append('file', new Blob([file.content]), file.name);
      return form;
    };

    it('scans pasted requirements against a runtime without signing in, each finding on its line with its explanation', async () => {
      const client = new PageClient(service.url);
      const form = await client.get('/scan');
      expect(form.flat).toContain('<option value="37.22.0">37.22.0 (end of life)</option>');
      const content = '# pinned\ndjango==2.2\nrequests>=2.0,,<3\n';
      const page = await client.request('/scan', {
        method: 'POST',
        body: multipartBody({ _csrf: form.csrf(), content, filename: 'requirements.txt', runtime: '36.11.0' }),
      });
      expect(page.status).toBe(200);
      expect(page.flat).toContain('Results for requirements.txt against <a href="/releases/36.11.0">36.11.0</a>');
      expect(page.flat).toMatch(/<li id="line-3"><p class="source"><span class="line-number">Line 3<\/span>requests&gt;=2.0,,&lt;3<\/p>/);
      expect(page.flat).toContain('<strong>PARSE_ERROR</strong>');
      expect(page.flat).toContain('About PARSE_ERROR: Line is not a valid requirement or option');
      expect(page.flat).toContain('RUNTIME_OVERRIDE');
    });

    it('scans a chosen file by its name', async () => {
      const client = new PageClient(service.url);
      const form = await client.get('/scan');
      const pyproject = '[project]\nname = "app"\ndependencies = ["django>=3"]\n';
      const page = await client.request('/scan', {
        method: 'POST',
        body: multipartBody({ _csrf: form.csrf(), content: '', runtime: '' }, { name: 'pyproject.toml', content: pyproject }),
      });
      expect(page.status).toBe(200);
      expect(page.flat).toContain('Results for pyproject.toml without a runtime');
    });

    it('refuses a file over the scan limit with a clear message, before scanning', async () => {
      const client = new PageClient(service.url);
      const form = await client.get('/scan');
      const big = Buffer.alloc(1024 * 1024 + 10, 'a');
      const page = await client.request('/scan', {
        method: 'POST',
        body: multipartBody({ _csrf: form.csrf(), runtime: '' }, { name: 'requirements.txt', content: big }),
      });
      expect(page.status).toBe(413);
      expect(page.flat).toContain(
        'The file requirements.txt is 1.0 MiB; this service scans at most 1.0 MiB at once (SCAN_MAX_UPLOAD_BYTES). Nothing was scanned.',
      );
    });

    it('answers a form larger than any form may be with a page, unread', async () => {
      const response = await fetch(`${service.url}/scan`, {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(64 * 1024 * 1024) },
        body: 'x',
      }).catch((error: Error) => error);
      if (response instanceof Error) return; // the server may close the connection before the body is sent
      expect(response.status).toBe(413);
      expect(await response.text()).toContain('Form too large');
    });

    it('refuses a scan without the CSRF token', async () => {
      const client = new PageClient(service.url);
      await client.get('/scan');
      const page = await client.request('/scan', { method: 'POST', body: multipartBody({ content: 'requests', runtime: '' }) });
      expect(page.status).toBe(403);
      expect(page.flat).toContain('Form refused');
    });

    it('says which runtime is unknown', async () => {
      const client = new PageClient(service.url);
      const form = await client.get('/scan');
      const page = await client.request('/scan', { method: 'POST', body: multipartBody({ _csrf: form.csrf(), content: 'requests', runtime: '<99>' }) });
      expect(page.status).toBe(404);
      expect(page.flat).toContain('No runtime release &lt;99&gt;');
    });
  });
});
