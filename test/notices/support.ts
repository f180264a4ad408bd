/** Documents and helpers shared by the notices end-to-end specs. */
import type { TestService } from '../setup/test-app';
import { BOOTSTRAP_TOKEN } from '../setup/test-app';
import { gqlOk } from '../applications/support';

export const RUN_SWEEP = `mutation($asOf: Date) { runLifecycleSweep(asOf: $asOf) { asOf noticesCreated deliveriesQueued } }`;
export const MY_NOTICES = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotices(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind milestoneDays release { version } deadline subject body bodyHtml
      applications { slug name department group environments blockers url } createdAt acknowledgedAt } } } }`;
export const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeNotice(id: $id) { id kind acknowledgedAt } }`;
export const MY_PREFERENCES = `{ myNoticePreferences { emailEnabled digest } }`;
export const SET_PREFERENCES = `mutation($input: NoticePreferencesInput!) { setMyNoticePreferences(input: $input) { emailEnabled digest } }`;
export const PAUSE = `mutation($input: PauseReleaseNoticesInput!) { pauseReleaseNotices(input: $input) { release reason pausedBy pausedAt } }`;
export const RESUME = `mutation($input: ResumeReleaseNoticesInput!) { resumeReleaseNotices(input: $input) { release reason } }`;
export const PAUSES = `{ noticePauses { release reason pausedBy } }`;

export interface SweepResult {
  asOf: string;
  noticesCreated: number;
  deliveriesQueued: number;
}

/** Runs the sweep for `asOf` with the clock on that day (11:00 on campus), as the schedule would. */
export async function sweep(service: TestService, asOf?: string): Promise<SweepResult> {
  if (asOf !== undefined) service.clock.set(`${asOf}T17:00:00Z`);
  return (await gqlOk(service, RUN_SWEEP, asOf === undefined ? {} : { asOf }, BOOTSTRAP_TOKEN)).runLifecycleSweep;
}

/** The caller's notices (first page of up to 100), nodes only. */
export async function myNotices(service: TestService, token: string, unreadOnly = false): Promise<any[]> {
  const page = (await gqlOk(service, MY_NOTICES, { unreadOnly, first: 100 }, token)).myNotices;
  return page.edges.map((edge: any) => edge.node);
}

/** Every notice row, by recipient, for assertions on who got what (including contacts without an account). */
export async function noticeRows(
  service: TestService,
): Promise<{ recipient: string; kind: string; milestone: number | null; apps: string[]; subject: string }[]> {
  return service.dataSource.query(
    `SELECT recipient_email AS recipient, kind, milestone_days AS milestone,
            ARRAY(SELECT x->>'slug' FROM jsonb_array_elements(applications) x ORDER BY x->>'slug') AS apps, subject
       FROM notices ORDER BY created_at, recipient_email, subject`,
  );
}

export async function recordRows(service: TestService): Promise<{ app: string; version: string; milestone: number; status: string }[]> {
  return service.dataSource.query(
    `SELECT a.slug AS app, r.version, nr.milestone_days AS milestone, nr.status
       FROM notice_records nr JOIN applications a ON a.id = nr.application_id JOIN runtime_releases r ON r.id = nr.release_id
      ORDER BY a.slug, r.version, nr.milestone_days DESC`,
  );
}
