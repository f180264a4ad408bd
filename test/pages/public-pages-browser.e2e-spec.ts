/**
 * The public pages in headless Chromium: the catalog timeline and its date picker, a release,
 * the scan form (paste and upload), the explorer, the 404 page. Each page is checked with axe
 * (no serious or critical violations) and the main ones against a screenshot baseline.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import { compareScreenshot, launchBrowser, seriousViolations, VIEWPORT } from './browser';

const README_PICTURES = join(__dirname, '../../docs');

describe('public pages in a browser', () => {
  let service: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const open = async (path: string) => {
    const response = await page.goto(`${service.url}${path}`);
    return response!;
  };

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService({ now: '2026-12-06T15:00:00Z' }), launchBrowser()]);
    await seedCatalog(service.dataSource, new Date('2018-06-01T12:00:00Z'));
    context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('shows that every release has ended today, and the catalog on a day it was supported one click away', async () => {
    const response = await open('/');
    expect(response.status()).toBe(200);
    await expect.poll(() => page.title()).toBe('Runtime catalog · PyPE Lifecycle');
    expect(await page.getByRole('status').first().innerText()).toContain('No release is supported today (2026-12-06).');
    expect(await page.locator('svg.timeline g.release-row').count()).toBe(5);
    expect(await page.locator('table tbody tr').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: /See the catalog on/ }).click();
    await page.waitForURL(/\?on=\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('main').innerText()).toMatch(/releases are supported on \d{4}-\d{2}-\d{2}/);
  });

  it('moves the timeline to the day picked in the date field, with statuses of that day', async () => {
    await open('/');
    await page.getByLabel('Show the catalog on').fill('2018-10-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\?on=2018-10-01$/);
    const rows = await page.locator('table tbody tr').allInnerTexts();
    expect(rows.find((row) => row.startsWith('36.20.0'))).toContain('deprecated');
    expect(rows.find((row) => row.startsWith('37.22.0'))).toContain('anticipated');
    expect(rows.find((row) => row.startsWith('36.11.0'))).toContain('recommended');
    expect(await page.locator('svg.timeline').getAttribute('aria-describedby')).toBe('timeline-desc');
    expect(await page.locator('#timeline-desc').textContent()).toContain('The red line marks shown day, 2018-10-01');
    expect(await seriousViolations(page)).toEqual([]);
    const shot = await compareScreenshot(page, 'catalog-2018-10-01', join(README_PICTURES, 'pages-timeline.png'));
    expect(shot).toMatchObject({ width: VIEWPORT.width, height: VIEWPORT.height });
    expect(shot.inkShare).toBeGreaterThan(0.05);
    expect(shot.differingShare).toBeLessThan(0.02);
  });

  it('follows a timeline bar to its release page', async () => {
    await open('/?on=2018-10-01');
    await page.locator('svg.timeline a').filter({ hasText: '27.11.0' }).click();
    await page.waitForURL(/\/releases\/27\.11\.0$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Release 27.11.0');
    expect(await page.locator('dl.facts').innerText()).toContain('Migration target');
    expect(
      await page
        .getByRole('table', { name: /reaches each environment/ })
        .locator('tbody tr')
        .count(),
    ).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
    const shot = await compareScreenshot(page, 'release-27.11.0');
    expect(shot.differingShare).toBeLessThan(0.02);
  });

  it('shows a real 404 page for an unknown release and odd characters, keyboard-reachable back to the catalog', async () => {
    for (const path of ['/releases/99.9.9', '/releases/%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/nowhere/%22%27']) {
      const response = await open(path);
      expect(response.status(), path).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText(), path).toMatch(/not found/);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').innerText()).toBe('Skip to content');
  });

  it('scans pasted requirements without JavaScript-only tricks: each finding on its line, with its explanation', async () => {
    await open('/scan');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('File content').fill('Django==2.2\nrequests>=2.0,,<3\n');
    await page.getByLabel('Runtime').selectOption('36.11.0');
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.waitForSelector('#results-heading');
    const line2 = await page.locator('#line-2').innerText();
    expect(line2).toContain('requests>=2.0,,<3');
    expect(line2).toContain('PARSE_ERROR');
    expect(await page.locator('#line-1').innerText()).toContain('RUNTIME_OVERRIDE');
    await page.locator('#line-2 summary').first().click();
    expect(await page.locator('#line-2 details').first().innerText()).toContain('The rest of the file is still scanned');
    expect(await page.getByLabel('File content').inputValue()).toBe('Django==2.2\nrequests>=2.0,,<3\n');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('scans a chosen file, and refuses one over the scan limit with a clear message', async () => {
    const dir = tmpdir();
    const pipfile = join(dir, 'Pipfile');
    writeFileSync(pipfile, '[packages]\ndjango = "==1.11"\n');
    await open('/scan');
    await page.getByLabel('Or choose a file').setInputFiles(pipfile);
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.waitForSelector('#results-heading');
    expect(await page.locator('#results-heading').innerText()).toContain('Results for Pipfile');

    const big = join(dir, 'requirements-big.txt');
    writeFileSync(big, '# filler\n'.repeat(130_000));
    await open('/scan');
    await page.getByLabel('Or choose a file').setInputFiles(big);
    await page.getByRole('button', { name: 'Scan' }).click();
    await page.waitForSelector('#scan-problem');
    expect(await page.locator('#scan-problem').innerText()).toContain('The file requirements-big.txt is 1.1 MiB; this service scans at most 1.0 MiB at once');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens the GraphQL explorer from the service, runs a query and reads the schema', async () => {
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(service.url)) outside.push(request.url());
    });
    await open('/graphql');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('GraphQL explorer');
    await page.getByLabel('Variables (JSON)').fill('{ "on": "2018-10-01" }');
    await page.getByRole('button', { name: 'Run query' }).click();
    await expect.poll(() => page.locator('#explorer-status').innerText()).toBe('HTTP 200');
    const result = JSON.parse(await page.locator('#explorer-result').innerText());
    expect(result.data.releases.map((release: { version: string }) => release.version)).toContain('36.11.0');
    await page.getByRole('button', { name: 'Load the schema' }).click();
    await page.waitForSelector('.explorer-type');
    await page.getByLabel('Find a type or field').fill('RuntimeRelease');
    expect(await page.locator('.explorer-type:not([hidden]) h3').first().innerText()).toContain('RuntimeRelease');
    expect(outside).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
