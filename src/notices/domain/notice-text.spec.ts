import { describe, expect, it } from 'vitest';
import {
  endOfSupportChangedNotice,
  escalationNotice,
  milestoneNotice,
  readinessLine,
  releasePublishedNotice,
  waiverExpiredNotice,
  type ListedApplication,
} from './notice-text';

const app = (slug: string, blockers: number | null, environments = ['PROD']): ListedApplication => ({
  slug,
  name: slug.toUpperCase(),
  environments,
  blockers,
  url: `https://pype.example.edu/apps/${slug}`,
});

const ESCALATION = { version: '36.11.0', endOfSupport: '2020-03-31', milestoneDays: 30, migrationTarget: '37.22.0', escalationDays: 7 };

describe('milestoneNotice', () => {
  it('writes the subject people act on, counting their apps', () => {
    const base = { version: '36.11.0', endOfSupport: '2020-03-31', milestoneDays: 30, migrationTarget: '37.22.0' };
    expect(milestoneNotice({ ...base, applications: [app('a', 0), app('b', 2), app('c', null)] }).subject).toBe(
      '[PyPE] 36.11.0 loses support on 2020-03-31: 3 of your apps must move to 37.22.0',
    );
    expect(milestoneNotice({ ...base, applications: [app('a', 0)] }).subject).toBe(
      '[PyPE] 36.11.0 loses support on 2020-03-31: your app a must move to 37.22.0',
    );
    expect(milestoneNotice({ ...base, milestoneDays: 0, applications: [app('a', 0)] }).subject).toBe(
      '[PyPE] 36.11.0 reached end of support on 2020-03-31: your app a must move to 37.22.0',
    );
    expect(milestoneNotice({ ...base, migrationTarget: null, applications: [app('a', null)] }).subject).toBe(
      '[PyPE] 36.11.0 loses support on 2020-03-31: your app a must move to a supported release',
    );
  });

  it('lists every app with environments, readiness and link, in text and escaped HTML', () => {
    const notice = milestoneNotice({
      version: '36.11.0',
      endOfSupport: '2020-03-31',
      milestoneDays: 7,
      migrationTarget: '37.22.0',
      applications: [{ ...app('a', 1, ['QUAL', 'PROD']), name: 'Grades <beta> & "co"' }],
    });
    expect(notice.text).toContain('in 7 days');
    expect(notice.text).toContain('- Grades <beta> & "co" (a) in QUAL, PROD: 1 blocker for 37.22.0 in the latest scan\n  https://pype.example.edu/apps/a');
    expect(notice.html).toContain('<a href="https://pype.example.edu/apps/a">Grades &lt;beta&gt; &amp; &quot;co&quot;</a>');
    expect(notice.html).not.toContain('<beta>');
  });
});

describe('readinessLine', () => {
  it('says ready, how many blockers, not scanned, or no target', () => {
    expect(readinessLine(0, '37.22.0')).toBe('ready for 37.22.0 (no blockers in the latest scan)');
    expect(readinessLine(3, '37.22.0')).toBe('3 blockers for 37.22.0 in the latest scan');
    expect(readinessLine(null, '37.22.0')).toMatch(/^not scanned against 37\.22\.0 yet/);
    expect(readinessLine(null, null)).toMatch(/^no migration target set/);
  });
});

describe('event notices', () => {
  it('announces a published release with a link to its page', () => {
    const notice = releasePublishedNotice({
      version: '38.30.0',
      pythonVersion: '3.8.0',
      track: 'LTS',
      generalAvailability: '2020-04-01',
      endOfSupport: '2023-03-31',
      url: 'https://pype.example.edu/releases/38.30.0',
    });
    expect(notice.subject).toBe('[PyPE] 38.30.0 published: Python 3.8.0 (LTS), supported 2020-04-01 to 2023-03-31');
    expect(notice.text).toContain('https://pype.example.edu/releases/38.30.0');
  });

  it('says which way an end of support moved, and why', () => {
    const base = { version: '36.11.0', previousEndOfSupport: '2020-03-31', migrationTarget: '37.22.0', applications: [app('a', 0)] };
    expect(endOfSupportChangedNotice({ ...base, endOfSupport: '2020-01-31', reason: 'CVE-2019-0001' }).subject).toBe(
      '[PyPE] 36.11.0 end of support moved earlier: now 2020-01-31 (was 2020-03-31); your app a must move to 37.22.0',
    );
    expect(endOfSupportChangedNotice({ ...base, endOfSupport: '2020-06-30', reason: 'CVE-2019-0001' }).text).toContain('Why: CVE-2019-0001');
    expect(endOfSupportChangedNotice({ ...base, endOfSupport: '2020-06-30', reason: null }).text).not.toContain('Why:');
  });

  it('names the groups and departments in an escalation', () => {
    const notice = escalationNotice({
      version: '36.11.0',
      endOfSupport: '2020-03-31',
      milestoneDays: 30,
      migrationTarget: '37.22.0',
      escalationDays: 7,
      applications: [
        { ...app('a', 0), group: 'team-a', department: 'Registrar' },
        { ...app('b', 2), group: 'team-b', department: 'Library' },
      ],
    });
    expect(notice.subject).toBe('[PyPE] Escalation: 2 apps have not acknowledged the 30-day notice for 36.11.0 (end of support 2020-03-31)');
    expect(notice.text).toContain('A [Registrar, group team-a] (a)');
    expect(notice.text).toContain('within 7 days');
  });

  it("lists each department's at-risk and overdue migrations, bounded with an 'and N more' line, in text and escaped HTML", () => {
    const notice = escalationNotice({
      ...ESCALATION,
      applications: [{ ...app('a', 0), group: 'team-a', department: 'R&D' }],
      riskyMigrations: [
        {
          department: 'R&D',
          total: 3,
          migrations: [
            { applicationSlug: 'a', sourceVersion: '36.11.0', targetVersion: '37.22.0', deadline: '2020-03-31', status: 'BLOCKED', risk: 'OVERDUE' },
            { applicationSlug: 'c', sourceVersion: '36.11.0', targetVersion: null, deadline: '2020-04-30', status: 'NOT_STARTED', risk: 'AT_RISK' },
          ],
        },
        { department: 'Library', total: 0, migrations: [] },
      ],
    });
    expect(notice.text).toContain(
      [
        'At-risk and overdue migrations in R&D (3):',
        '- a: 36.11.0 → 37.22.0, deadline 2020-03-31, BLOCKED, OVERDUE',
        '- c: 36.11.0 → no target, deadline 2020-04-30, NOT_STARTED, AT_RISK',
        '- … and 1 more',
      ].join('\n'),
    );
    expect(notice.text).toContain('No at-risk or overdue migrations in Library.');
    expect(notice.html).toContain(
      '<p>At-risk and overdue migrations in R&amp;D (3):</p>\n<ul>\n<li>a: 36.11.0 → 37.22.0, deadline 2020-03-31, BLOCKED, OVERDUE</li>',
    );
    expect(notice.html).toContain('<li>… and 1 more</li>\n</ul>');
    expect(notice.html).toContain('<p>No at-risk or overdue migrations in Library.</p>');
  });

  it('lists no migrations section when none were looked up', () => {
    const notice = escalationNotice({ ...ESCALATION, applications: [{ ...app('a', 0), group: 'team-a', department: 'Registrar' }] });
    expect(notice.text).not.toContain('migrations in');
  });
});

describe('waiverExpiredNotice', () => {
  it('names the app and says whether an approved waiver ended or a request lapsed, in text and escaped HTML', () => {
    const base = { version: '36.11.0', endOfSupport: '2020-03-31', migrationTarget: '37.22.0' };
    const ended = { ...app('a', 2), waiver: { expiresOn: '2020-05-31', reason: 'SDK <2>', wasApproved: true } };
    const lapsed = { ...app('b', null), waiver: { expiresOn: '2020-04-30', reason: 'later', wasApproved: false } };
    const one = waiverExpiredNotice({ ...base, applications: [ended] });
    expect(one.subject).toBe('[PyPE] Waiver expired: the migration waiver of a off 36.11.0 (end of support 2020-03-31)');
    expect(one.text).toContain('- A [waiver ended after 2020-05-31 ("SDK <2>")] (a) in PROD: 2 blockers for 37.22.0 in the latest scan');
    expect(one.html).toContain('SDK &lt;2&gt;');
    expect(one.html).not.toContain('SDK <2>');
    const two = waiverExpiredNotice({ ...base, applications: [ended, lapsed] });
    expect(two.subject).toBe('[PyPE] Waiver expired: 2 migration waivers off 36.11.0 (end of support 2020-03-31)');
    expect(two.text).toContain('B [waiver request lapsed undecided after 2020-04-30 ("later")] (b)');
    expect(two.text).toContain('Deadline: 2020-03-31. Migration target: 37.22.0.');
  });
});

describe('migration status in notices', () => {
  it('adds the tracked migration’s status and blockers to an app’s line, and nothing without one', () => {
    const base = { version: '36.11.0', endOfSupport: '2020-03-31', milestoneDays: 30, migrationTarget: '37.22.0' };
    const tracked = { ...app('a', 1), migration: { status: 'BLOCKED', blockers: 2 } };
    const notice = milestoneNotice({ ...base, applications: [tracked, app('b', 0)] });
    expect(notice.text).toContain('- A (a) in PROD: 1 blocker for 37.22.0 in the latest scan; migration BLOCKED, 2 blockers\n');
    expect(notice.text).toContain('- B (b) in PROD: ready for 37.22.0 (no blockers in the latest scan)\n');
    expect(notice.html).toContain('1 blocker for 37.22.0 in the latest scan; migration BLOCKED, 2 blockers</li>');
  });
});
