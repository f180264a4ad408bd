/**
 * The words of notices: subject, plain text and HTML, written for the person who has to act.
 * Pure functions over plain data (e-mail, webhooks and in-app show the same text).
 */
import type { CalendarDate } from '../../calendar/calendar-date';

export interface NoticeText {
  subject: string;
  text: string;
  html: string;
}

/** An application as a notice lists it. */
export interface ListedApplication {
  slug: string;
  name: string;
  environments: readonly string[];
  /** Errors in the latest scan against the migration target; null when nothing was scanned (or there is no target). */
  blockers: number | null;
  url: string;
  /** The app's migration off the release (status and recorded blockers), when one is tracked. */
  migration?: { status: string; blockers: number } | null;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Where apps must go: the release's migration target, or any supported release. */
const destination = (target: string | null): string => target ?? 'a supported release';

/** "ready for 37.22.0 (no blockers in the latest scan)", "2 blockers for 37.22.0 in the latest scan", ... */
export function readinessLine(blockers: number | null, target: string | null): string {
  if (target === null) return 'no migration target set: choose a supported release';
  if (blockers === null) return `not scanned against ${target} yet: submit its requirements to see what blocks the move`;
  if (blockers === 0) return `ready for ${target} (no blockers in the latest scan)`;
  return `${plural(blockers, 'blocker')} for ${target} in the latest scan`;
}

/** "; migration IN_PROGRESS, 2 blockers", or nothing when no migration is tracked. */
function migrationPart(migration: ListedApplication['migration']): string {
  return migration ? `; migration ${migration.status}, ${plural(migration.blockers, 'blocker')}` : '';
}

function applicationLine(app: ListedApplication, target: string | null): string {
  const where = app.environments.length > 0 ? ` in ${app.environments.join(', ')}` : '';
  return `${app.name} (${app.slug})${where}: ${readinessLine(app.blockers, target)}${migrationPart(app.migration)}`;
}

function listText(apps: readonly ListedApplication[], target: string | null): string {
  return apps.map((app) => `- ${applicationLine(app, target)}\n  ${app.url}`).join('\n');
}

function listHtml(apps: readonly ListedApplication[], target: string | null): string {
  const items = apps.map((app) => {
    const where = app.environments.length > 0 ? ` in ${escapeHtml(app.environments.join(', '))}` : '';
    return `<li><a href="${escapeHtml(app.url)}">${escapeHtml(app.name)}</a> (${escapeHtml(app.slug)})${where}: ${escapeHtml(readinessLine(app.blockers, target) + migrationPart(app.migration))}</li>`;
  });
  return `<ul>\n${items.join('\n')}\n</ul>`;
}

/** Paragraphs of plain text as HTML paragraphs. */
function paragraphsHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
}

function whoMustMove(apps: readonly ListedApplication[], target: string | null): string {
  if (apps.length === 1) return `your app ${apps[0].slug} must move to ${destination(target)}`;
  return `${apps.length} of your apps must move to ${destination(target)}`;
}

const FOOTER =
  'You get this notice as a contact of these apps or a member of the group that owns them. Acknowledge it in PyPE Lifecycle so your managers know it was seen.';

/** The digest one person gets for one release and milestone. */
export function milestoneNotice(input: {
  version: string;
  endOfSupport: CalendarDate;
  milestoneDays: number;
  migrationTarget: string | null;
  applications: readonly ListedApplication[];
}): NoticeText {
  const { version, endOfSupport, milestoneDays, migrationTarget, applications } = input;
  const when = milestoneDays === 0 ? `reached its end of support on ${endOfSupport}` : `loses support on ${endOfSupport}`;
  const subject = `[PyPE] ${version} ${milestoneDays === 0 ? 'reached end of support on' : 'loses support on'} ${endOfSupport}: ${whoMustMove(applications, migrationTarget)}`;
  const intro =
    milestoneDays === 0
      ? `PyPE runtime ${version} ${when}. These apps still run it and must move to ${destination(migrationTarget)} now:`
      : `PyPE runtime ${version} ${when}, in ${plural(milestoneDays, 'day')}. These apps run it and must move to ${destination(migrationTarget)} before then:`;
  const facts = `Deadline: ${endOfSupport}. Migration target: ${destination(migrationTarget)}.`;
  return {
    subject,
    text: [intro, listText(applications, migrationTarget), facts, FOOTER].join('\n\n') + '\n',
    html: [paragraphsHtml([intro]), listHtml(applications, migrationTarget), paragraphsHtml([facts, FOOTER])].join('\n') + '\n',
  };
}

/** To every developer and the announcement list: a release is out. */
export function releasePublishedNotice(input: {
  version: string;
  pythonVersion: string;
  track: string;
  generalAvailability: CalendarDate;
  endOfSupport: CalendarDate;
  url: string;
}): NoticeText {
  const { version, pythonVersion, track, generalAvailability, endOfSupport, url } = input;
  const subject = `[PyPE] ${version} published: Python ${pythonVersion} (${track}), supported ${generalAvailability} to ${endOfSupport}`;
  const paragraphs = [
    `PyPE runtime ${version} (Python ${pythonVersion}, ${track}) is published: generally available on ${generalAvailability}, supported until ${endOfSupport}.`,
    `Check your requirements against it before you move: ${url}`,
  ];
  return { subject, text: paragraphs.join('\n\n') + '\n', html: paragraphsHtml(paragraphs) + '\n' };
}

/** To everyone who would get the release's milestone notices: its end of support moved. */
export function endOfSupportChangedNotice(input: {
  version: string;
  previousEndOfSupport: CalendarDate;
  endOfSupport: CalendarDate;
  migrationTarget: string | null;
  reason: string | null;
  applications: readonly ListedApplication[];
}): NoticeText {
  const { version, previousEndOfSupport, endOfSupport, migrationTarget, reason, applications } = input;
  const direction = endOfSupport < previousEndOfSupport ? 'moved earlier' : 'moved later';
  const subject = `[PyPE] ${version} end of support ${direction}: now ${endOfSupport} (was ${previousEndOfSupport}); ${whoMustMove(applications, migrationTarget)}`;
  const intro = `The end of support of PyPE runtime ${version} ${direction}, from ${previousEndOfSupport} to ${endOfSupport}. These apps run it and must move to ${destination(migrationTarget)} by the new date:`;
  const why = reason ? `Why: ${reason}` : null;
  const closing = [`Deadline: ${endOfSupport}. Migration target: ${destination(migrationTarget)}.`, ...(why ? [why] : []), FOOTER];
  return {
    subject,
    text: [intro, listText(applications, migrationTarget), ...closing].join('\n\n') + '\n',
    html: [paragraphsHtml([intro]), listHtml(applications, migrationTarget), paragraphsHtml(closing)].join('\n') + '\n',
  };
}

/** A migration of a department that is AT_RISK or OVERDUE, as an escalation lists it. */
export interface RiskyMigration {
  applicationSlug: string;
  sourceVersion: string;
  targetVersion: string | null;
  deadline: CalendarDate;
  status: string;
  risk: string;
}

/** A department's at-risk and overdue migrations: the first few (worst first) and how many there are in all. */
export interface DepartmentRiskyMigrations {
  department: string;
  migrations: readonly RiskyMigration[];
  total: number;
}

function riskyMigrationLine(migration: RiskyMigration): string {
  const target = migration.targetVersion ?? 'no target';
  return `${migration.applicationSlug}: ${migration.sourceVersion} → ${target}, deadline ${migration.deadline}, ${migration.status}, ${migration.risk}`;
}

/** "At-risk and overdue migrations in Library (3):" with one line each and "… and N more" past the listed ones. */
function riskyMigrationsSection(entry: DepartmentRiskyMigrations): { heading: string; lines: string[] } {
  if (entry.total === 0) return { heading: `No at-risk or overdue migrations in ${entry.department}.`, lines: [] };
  const more = entry.total - entry.migrations.length;
  return {
    heading: `At-risk and overdue migrations in ${entry.department} (${entry.total}):`,
    lines: [...entry.migrations.map(riskyMigrationLine), ...(more > 0 ? [`… and ${more} more`] : [])],
  };
}

function riskyMigrationsText(departments: readonly DepartmentRiskyMigrations[]): string[] {
  return departments.map((entry) => {
    const { heading, lines } = riskyMigrationsSection(entry);
    return [heading, ...lines.map((line) => `- ${line}`)].join('\n');
  });
}

function riskyMigrationsHtml(departments: readonly DepartmentRiskyMigrations[]): string[] {
  return departments.map((entry) => {
    const { heading, lines } = riskyMigrationsSection(entry);
    const list = lines.length > 0 ? `\n<ul>\n${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>` : '';
    return `${paragraphsHtml([heading])}${list}`;
  });
}

/**
 * To the managers of the apps' departments: a near milestone went unacknowledged. Lists, per department
 * of the apps, the department's at-risk and overdue migrations, so managers see what else is slipping.
 */
export function escalationNotice(input: {
  version: string;
  endOfSupport: CalendarDate;
  milestoneDays: number;
  migrationTarget: string | null;
  escalationDays: number;
  applications: readonly (ListedApplication & { group: string; department: string })[];
  riskyMigrations?: readonly DepartmentRiskyMigrations[];
}): NoticeText {
  const { version, endOfSupport, milestoneDays, migrationTarget, escalationDays, applications, riskyMigrations = [] } = input;
  const count = applications.length === 1 ? `${applications[0].slug} has` : `${applications.length} apps have`;
  const subject = `[PyPE] Escalation: ${count} not acknowledged the ${milestoneDays}-day notice for ${version} (end of support ${endOfSupport})`;
  const intro = `Nobody in the owning groups acknowledged the ${milestoneDays}-day notice about ${version} within ${plural(escalationDays, 'day')}. Its end of support is ${endOfSupport}; these apps in your departments must move to ${destination(migrationTarget)}:`;
  const listed = applications.map((app) => ({ ...app, name: `${app.name} [${app.department}, group ${app.group}]` }));
  const closing = [`You get this as a manager of these departments. Please follow up with the groups.`];
  return {
    subject,
    text: [intro, listText(listed, migrationTarget), ...riskyMigrationsText(riskyMigrations), ...closing].join('\n\n') + '\n',
    html: [paragraphsHtml([intro]), listHtml(listed, migrationTarget), ...riskyMigrationsHtml(riskyMigrations), paragraphsHtml(closing)].join('\n') + '\n',
  };
}

/** An application whose migration waiver just expired, as the notice lists it. */
export interface ApplicationWithExpiredWaiver extends ListedApplication {
  waiver: { expiresOn: CalendarDate; reason: string; wasApproved: boolean };
}

function waiverLine(waiver: ApplicationWithExpiredWaiver['waiver']): string {
  const what = waiver.wasApproved ? `waiver ended after ${waiver.expiresOn}` : `waiver request lapsed undecided after ${waiver.expiresOn}`;
  return `${what} ("${waiver.reason}")`;
}

/** To the owning group (members and contacts): waivers of their apps' migrations off a release ended. */
export function waiverExpiredNotice(input: {
  version: string;
  endOfSupport: CalendarDate;
  migrationTarget: string | null;
  applications: readonly ApplicationWithExpiredWaiver[];
}): NoticeText {
  const { version, endOfSupport, migrationTarget, applications } = input;
  const which = applications.length === 1 ? `the migration waiver of ${applications[0].slug}` : `${applications.length} migration waivers`;
  const subject = `[PyPE] Waiver expired: ${which} off ${version} (end of support ${endOfSupport})`;
  const intro = `These apps' waivers for moving off PyPE runtime ${version} are over: their migrations count again and must move to ${destination(migrationTarget)}.`;
  // The waiver line goes where the environments go in other notices' lists.
  const listed = applications.map((app) => ({ ...app, name: `${app.name} [${waiverLine(app.waiver)}]` }));
  const closing = [`Deadline: ${endOfSupport}. Migration target: ${destination(migrationTarget)}.`, FOOTER];
  return {
    subject,
    text: [intro, listText(listed, migrationTarget), ...closing].join('\n\n') + '\n',
    html: [paragraphsHtml([intro]), listHtml(listed, migrationTarget), paragraphsHtml(closing)].join('\n') + '\n',
  };
}
