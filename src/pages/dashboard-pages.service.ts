import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { compareDates } from '../calendar/calendar-date';
import { MIGRATION_RISKS } from '../migration-tracking/domain/migration-risk';
import { MIGRATION_STATUSES } from '../migration-tracking/domain/migration-status';
import { MigrationsService } from '../migration-tracking/migrations.service';
import { ReleasesService } from '../releases/releases.service';
import type { DashboardData, DepartmentCounts } from './views/dashboard-page';

/** Overdue and at-risk migrations listed on the page; the CSV has them all. */
const ATTENTION_LIMIT = 50;

/** `/dashboard`: migrations from one release, by department, with the burndown and what needs attention. */
@Injectable()
export class DashboardPagesService {
  constructor(
    private readonly migrations: MigrationsService,
    private readonly releases: ReleasesService,
  ) {}

  /** The release asked for when it is one with a migration target; otherwise the next to lose support (or the last that did). */
  private async sourceReleases(asked: unknown): Promise<{ releases: DashboardData['releases']; release: string | null }> {
    const today = this.releases.today();
    const views = (await this.releases.listReleases(null, {})).filter((view) => view.migrationTarget !== null);
    const releases = views
      .map((view) => ({ version: view.version, endOfSupport: view.endOfSupport }))
      .sort((a, b) => compareDates(a.endOfSupport, b.endOfSupport));
    if (typeof asked === 'string' && releases.some((release) => release.version === asked)) return { releases, release: asked };
    const next = releases.find((release) => compareDates(release.endOfSupport, today) >= 0) ?? releases[releases.length - 1];
    return { releases, release: next?.version ?? null };
  }

  async dashboard(principal: Principal, asked: unknown): Promise<DashboardData> {
    const { releases, release } = await this.sourceReleases(asked);
    const data: DashboardData = {
      releases,
      release,
      statuses: MIGRATION_STATUSES,
      risks: MIGRATION_RISKS,
      departments: [],
      burndown: null,
      attention: [],
      moreAttention: 0,
      csvHref: null,
    };
    if (release === null) return data;
    const [counts, attentionQuery] = await Promise.all([
      this.migrations.countsByDepartment(principal, release),
      this.migrations.queryFor(principal, { release, risk: ['OVERDUE', 'AT_RISK'] }, ''),
    ]);
    const byDepartment = new Map<string, DepartmentCounts>();
    for (const row of counts) {
      let entry = byDepartment.get(row.department);
      if (!entry) byDepartment.set(row.department, (entry = { department: row.department, total: 0, byStatus: {}, byRisk: {} }));
      entry.total += row.count;
      entry.byStatus[row.status] = (entry.byStatus[row.status] ?? 0) + row.count;
      entry.byRisk[row.risk] = (entry.byRisk[row.risk] ?? 0) + row.count;
    }
    data.departments = [...byDepartment.values()];
    if (data.departments.length === 0) return data;
    const [burndown, attention] = await Promise.all([
      this.migrations.burndown(principal, release, null),
      this.migrations.list(attentionQuery, { sort: 'DEADLINE', descending: false }, { first: ATTENTION_LIMIT, after: null }),
    ]);
    data.burndown = { ...burndown, today: attentionQuery.today };
    data.attention = attention.rows.map((row) => ({
      slug: row.application.slug,
      name: row.application.name,
      department: row.application.department,
      from: row.sourceVersion,
      to: row.targetVersion,
      deadline: row.deadline,
      status: row.status,
      risk: row.risk,
    }));
    data.moreAttention = attention.totalCount - attention.rows.length;
    data.csvHref = `/dashboard/migrations.csv?release=${encodeURIComponent(release)}`;
    return data;
  }
}
