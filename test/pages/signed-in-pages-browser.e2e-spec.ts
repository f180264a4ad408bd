/**
 * The signed-in pages in headless Chromium: signing in and out with a pasted token, the managers'
 * dashboard (by department, burndown, overdue and at risk, CSV), an application's page with its
 * migration, and what is refused: a developer on the dashboard, a form without its CSRF token,
 * expired and revoked tokens.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { SET_MANAGED_DEPARTMENTS, createApplication, createGroup, gqlOk, recordDeployment, submitRequirements } from '../applications/support';
import { runMigrationsSweep } from '../migration-tracking/support';
import { startTestService, type TestService } from '../setup/test-app';
import { eventually } from '../setup/eventually';
import { compareScreenshot, launchBrowser, seriousViolations, VIEWPORT } from './browser';

const README_PICTURES = join(__dirname, '../../docs');

describe('signed-in pages in a browser', () => {
  let service: TestService;
  let browser: Browser;
  const tokens: Record<string, string> = {};

  /** A fresh browser context (its own cookies) signed in through the form. */
  const signedIn = async (token: string): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await page.goto(`${service.url}/sign-in`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${service.url}/`);
    return page;
  };

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ now: '2018-06-01T15:00:00Z' }), launchBrowser()]);
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    tokens.dev = await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    tokens.manager = await service.tokenFor([Role.MANAGER], 'manager@example.edu');
    await gqlOk(service, SET_MANAGED_DEPARTMENTS, { email: 'manager@example.edu', departments: ['Registrar', 'Library'] });
    await createGroup(service, 'team-a', ['dev@example.edu']);
    const apps = [
      ['transcripts', 'Registrar'],
      ['admissions', 'Registrar'],
      ['grades', 'Registrar'],
      ['catalogue', 'Library'],
      ['reserves', 'Library'],
    ];
    for (const [slug, department] of apps) {
      await createApplication(service, { slug, group: 'team-a', department });
      await recordDeployment(service, { application: slug, environment: 'PROD', runtime: '36.20.0', commit: 'aaaaaaa' });
    }
    await submitRequirements(service, 'transcripts', [{ path: 'requirements.txt', content: 'Django==1.11.29\nrequests>=2.0,,<3\n' }], 'cafe123');
    service.clock.set('2018-09-10T15:00:00Z');
    await runMigrationsSweep(service, '2018-09-10');
    // Two move on: one reaches the target in PROD (completed), one in TEST (in progress).
    service.clock.set('2018-10-20T15:00:00Z');
    await recordDeployment(service, { application: 'catalogue', environment: 'PROD', runtime: '37.21.0', commit: 'bbbbbbb' });
    await recordDeployment(service, { application: 'grades', environment: 'TEST', runtime: '37.21.0', commit: 'ccccccc' });
    service.clock.set('2019-03-10T15:00:00Z');
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('signs in with a pasted token and shows who is signed in, without the token in the URL', async () => {
    const page = await signedIn(tokens.manager);
    expect(page.url()).not.toContain(tokens.manager);
    expect(await page.locator('header .account').innerText()).toContain('Signed in as manager@example.edu');
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'pype_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => JSON.stringify(globalThis.localStorage))).not.toContain(tokens.manager);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows managers the dashboard: by department, the burndown with its forecast, what needs attention, CSV', async () => {
    const page = await signedIn(tokens.manager);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);
    const byDepartment = page.getByRole('table', { name: /Migrations by department/ });
    expect(await byDepartment.locator('tbody tr').allInnerTexts()).toEqual([
      // Total; not started, in progress, in testing, completed, blocked, waived; done, on track, at risk, overdue.
      'Library\t2\t1\t0\t0\t1\t0\t0\t1\t0\t1\t0',
      'Registrar\t3\t2\t0\t1\t0\t0\t0\t0\t1\t2\t0',
      'All departments\t5\t3\t0\t1\t1\t0\t0\t1\t1\t3\t0',
    ]);
    expect(await page.locator('svg.burndown').getAttribute('aria-labelledby')).toBe('burndown-title burndown-desc');
    expect(await page.locator('#burndown-desc').textContent()).toContain('4 migrations remain on 2019-03-10; the deadline is 2019-03-31.');
    const attention = page.getByRole('table', { name: /Overdue and at risk/ });
    expect(await attention.locator('tbody tr').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    const shot = await compareScreenshot(page, 'dashboard', join(README_PICTURES, 'pages-dashboard.png'));
    expect(shot.inkShare).toBeGreaterThan(0.05);
    expect(shot.differingShare).toBeLessThan(0.02);

    const csv = await page.request.get(`${service.url}${await page.getByRole('link', { name: /Download these migrations as CSV/ }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(6);

    await attention.getByRole('link', { name: 'TRANSCRIPTS' }).click();
    await page.waitForURL(/\/apps\/transcripts$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('From 36.20.0 to 37.21.0, deadline 2019-03-31');
    expect(main).toContain('Not ready to move from 36.20.0 to 37.21.0');
    expect(await page.getByRole('table', { name: 'History of the migration from 36.20.0' }).locator('tbody tr').count()).toBeGreaterThan(0);
    const noticeRows = page.getByRole('table', { name: /notices that listed this application/ }).locator('tbody tr');
    expect(await noticeRows.allInnerTexts()).toEqual([expect.stringMatching(/^2018-09-10 10:00 CDT\tmilestone\t36\.20\.0\t.*\tdev@example\.edu\tnot yet$/)]);
    const { myNotices } = await gqlOk(service, '{ myNotices { edges { node { id } } } }', {}, tokens.dev);
    await gqlOk(service, 'mutation($id: ID!) { acknowledgeNotice(id: $id) { id } }', { id: myNotices.edges[0].node.id }, tokens.dev);
    await page.reload();
    expect(await noticeRows.allInnerTexts()).toEqual([expect.stringMatching(/\tdev@example\.edu\t2019-03-10 10:00 CDT$/)]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells a developer the dashboard is for managers, and sends visitors who are not signed in to sign in', async () => {
    const page = await signedIn(tokens.dev);
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    const response = await page.goto(`${service.url}/dashboard`);
    expect(response!.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain('The migrations dashboard is for managers and admins.');
    expect(await seriousViolations(page)).toEqual([]);

    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${service.url}/dashboard`);
    expect(anonymous.url()).toBe(`${service.url}/sign-in?next=%2Fdashboard`);
    expect((await anonymous.request.get(`${service.url}/dashboard/migrations.csv`, { maxRedirects: 0 })).status()).toBe(303);
  });

  it('refuses a sign-out posted without the CSRF token, and signs out with the button', async () => {
    const page = await signedIn(tokens.dev);
    const forged = await page.request.post(`${service.url}/sign-out`, { form: { _csrf: 'not-the-token' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Form refused');
    await page.reload();
    expect(await page.locator('header .account').innerText()).toContain('Signed in as dev@example.edu');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signed-out=1$/);
    expect(await page.getByRole('status').innerText()).toContain('You are signed out.');
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'pype_session')).toBeUndefined();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says clearly why an expired token cannot sign in, and why a revoked one ended the session', async () => {
    const expiring = await service.tokenFor([Role.DEVELOPER], 'expired@example.edu');
    await service.dataSource.query(
      `UPDATE api_tokens SET expires_at = '2019-01-01' WHERE user_id = (SELECT id FROM users WHERE email = 'expired@example.edu')`,
    );
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${service.url}/sign-in`);
    await page.getByLabel('API token').fill(expiring);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').innerText()).toContain("Not signed in: The API token 'test' expired on 2019-01-01");
    expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    const revoking = await service.tokenFor([Role.DEVELOPER], 'revoked@example.edu');
    const session = await signedIn(revoking);
    await service.dataSource.query(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE email = 'revoked@example.edu')`);
    // Replicas learn of the revocation by notification (the token lookup cache), a moment after the commit.
    const response = await eventually(
      async () => (await session.goto(`${service.url}/apps/transcripts`))!,
      (answer) => answer.status() !== 404,
    );
    expect(response.status()).toBe(401);
    expect(await session.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
    expect(await session.getByRole('status').innerText()).toContain("You were signed out: The API token 'test' has been revoked.");
    expect((await session.context().cookies()).find((cookie) => cookie.name === 'pype_session')).toBeUndefined();
  });
});
