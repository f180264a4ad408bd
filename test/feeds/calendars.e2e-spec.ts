import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAINTENANCE_CALENDAR, listRuleOccurrences } from '../../src/calendar/maintenance-calendar';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';

const PUBLIC_URL = 'https://pype.example.edu';

/** RFC 5545 §3.1: CRLF line ends, lines folded at 75 octets. */
function expectWellFormedLines(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  for (const line of text.slice(0, -2).split('\r\n')) {
    expect(line).not.toContain('\n');
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
}

function parse(text: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('PyPE Lifecycle');
  for (const event of calendar.getAllSubcomponents('vevent')) {
    expect(event.getFirstPropertyValue('uid')).toBeTruthy();
    // DTSTAMP is required and in UTC.
    const stamp = event.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid).toBe('UTC');
  }
  return calendar;
}

describe('iCalendar feeds', () => {
  let service: TestService;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });

  beforeAll(async () => {
    service = await startTestService({ now: '2026-11-22T15:00:00Z', env: { PUBLIC_URL } });
    await seedCatalog(service.dataSource, new Date('2018-09-01T12:00:00Z'));
    const draft = await service.gql(
      `mutation { createReleaseDraft(input: { version: "38.30.0", pythonVersion: "3.8.0", track: LTS, generalAvailability: "2027-10-01", endOfSupport: "2030-09-30" }) { version } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(draft.errors).toBeUndefined();
  });
  afterAll(async () => service.close());

  it('lists general availability, notice start and end of support of every published release as all-day events', async () => {
    const response = await get('/calendar/releases.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expectWellFormedLines(text);
    const events = parse(text)
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(15);
    expect(events.some((event) => event.summary.includes('38.30.0'))).toBe(false);
    const byUid = new Map(events.map((event) => [event.uid, event]));
    const endOfSupport = byUid.get('release-36.11.0-end-of-support@pype.example.edu')!;
    expect(endOfSupport.startDate.isDate).toBe(true);
    expect(endOfSupport.startDate.toString()).toBe('2020-03-31');
    expect(endOfSupport.summary).toBe('PyPE 36.11.0: end of support');
    expect(endOfSupport.description).toContain('Migrate to 37.22.0.');
    expect(byUid.get('release-36.11.0-notice-start@pype.example.edu')!.startDate.toString()).toBe('2019-07-31');
    expect(byUid.get('release-36.11.0-general-availability@pype.example.edu')!.startDate.toString()).toBe('2017-04-01');
    expect(endOfSupport.component.getFirstPropertyValue('url')).toBe(`${PUBLIC_URL}/releases/36.11.0`);
  });

  it('keeps UIDs stable, so a moved date updates the event instead of adding one', async () => {
    const uids = async () => {
      const events = parse(await (await get('/calendar/releases.ics')).text()).getAllSubcomponents('vevent');
      return new Map(events.map((component) => [String(component.getFirstPropertyValue('uid')), new ICAL.Event(component).startDate.toString()]));
    };
    const before = await uids();
    expect(await uids()).toEqual(before);
    const changed = await service.gql(
      `mutation { changeEndOfSupport(input: { version: "37.22.0", endOfSupport: "2022-06-30", reason: "longer", policyOverrideReason: "test" }) { endOfSupport } }`,
      {},
      BOOTSTRAP_TOKEN,
    );
    expect(changed.errors).toBeUndefined();
    const after = await uids();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.get('release-37.22.0-end-of-support@pype.example.edu')).toBe('2022-06-30');
  });

  it('lists the next twelve months of maintenance windows in campus time, with the time zone defined', async () => {
    const response = await get('/calendar/maintenance.ics');
    expect(response.status).toBe(200);
    const text = await response.text();
    expectWellFormedLines(text);
    const calendar = parse(text);
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('America/Chicago');
    const timezone = new ICAL.Timezone(zone);
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));

    // What the maintenance calendar itself says for [today, a year later) on campus.
    const from = new Date('2026-11-22T06:00:00Z');
    const to = new Date('2027-11-22T06:00:00Z');
    const expected = DEFAULT_MAINTENANCE_CALENDAR.rules
      .flatMap((rule) => listRuleOccurrences(DEFAULT_MAINTENANCE_CALENDAR, rule.id, from, to).map((occurrence) => ({ rule, occurrence })))
      .map(({ rule, occurrence }) => ({ rule: rule.id, start: occurrence.start.toISOString(), end: occurrence.end.toISOString() }))
      .sort((a, b) => a.start.localeCompare(b.start) || a.rule.localeCompare(b.rule));
    expect(expected.length).toBeGreaterThan(52 + 12 + 12 + 12 - 2);

    const toUtc = (event: ICAL.Event, name: 'dtstart' | 'dtend') => {
      const property = event.component.getFirstProperty(name)!;
      expect(property.getParameter('tzid')).toBe('America/Chicago');
      const zoned = (property.getFirstValue() as ICAL.Time).clone();
      zoned.zone = timezone;
      return zoned.toJSDate().toISOString();
    };
    const actual = events.map((event) => ({
      rule: /^maintenance-(.+)-\d{8}@pype\.example\.edu$/.exec(event.uid)![1],
      start: toUtc(event, 'dtstart'),
      end: toUtc(event, 'dtend'),
    }));
    expect(actual).toEqual(expected);
    // 4th Tuesday of December 2026, 17:00 CST = 23:00 UTC; of April 2027, 17:00 CDT = 22:00 UTC.
    expect(actual).toContainEqual({ rule: 'beta-prod-os', start: '2026-12-22T23:00:00.000Z', end: '2026-12-23T01:00:00.000Z' });
    expect(actual).toContainEqual({ rule: 'beta-prod-os', start: '2027-04-27T22:00:00.000Z', end: '2027-04-28T00:00:00.000Z' });
    const first = events.find((event) => event.uid === 'maintenance-beta-prod-os-20261222@pype.example.edu')!;
    expect(first.summary).toBe('OS maintenance: BETA, PROD');
    expect(first.startDate.toString()).toBe('2026-12-22T17:00:00');
  });

  it('answers 304 to a calendar client that has the feed', async () => {
    for (const path of ['/calendar/releases.ics', '/calendar/maintenance.ics']) {
      const first = await get(path);
      expect((await get(path, { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
      expect((await get(path, { 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304);
    }
  });
});
