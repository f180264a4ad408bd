import { Inject, Injectable } from '@nestjs/common';
import { ApplicationsService } from '../applications/applications.service';
import type { Principal } from '../auth/principal';
import { compareEnvironments } from '../calendar/environment';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { DeploymentsService } from '../deployments/deployments.service';
import { GroupsRepository } from '../groups/groups.repository';
import { ImpactService } from '../impact/impact.service';
import { MigrationsService } from '../migration-tracking/migrations.service';
import { NoticesService } from '../notices/notices.service';
import { ReleasesService } from '../releases/releases.service';
import type { Finding } from '../requirements';
import { SnapshotsService } from '../snapshots/snapshots.service';
import type { StoredScan } from '../snapshots/snapshot';
import type { AppPageData, AppReadiness, AppScanSection } from './views/app-page';

/** Notices listed on the page (newest). */
const MAX_NOTICES_SHOWN = 50;
/** Transitions of a migration's history shown on the page (newest). */
const MAX_HISTORY_SHOWN = 50;
/** Findings listed per stored scan; the counts cover them all. */
const MAX_FINDINGS_SHOWN = 200;

/** Findings grouped by file (in path order), each file's by line, with the text of their line. */
export function findingsByFile(
  scan: Pick<StoredScan, 'findings'>,
  files: ReadonlyMap<string, readonly string[]>,
  limit = MAX_FINDINGS_SHOWN,
): Pick<AppScanSection, 'files' | 'omitted'> {
  const sorted = [...scan.findings].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  const shown = sorted.slice(0, limit);
  const byFile = new Map<string, (Finding & { source: string | null })[]>();
  for (const finding of shown) {
    const path = finding.file ?? '(the whole set)';
    const lines = finding.file === null ? undefined : files.get(finding.file);
    const source = finding.line === null || !lines ? null : (lines[finding.line - 1] ?? null);
    const list = byFile.get(path) ?? [];
    list.push({ ...finding, source });
    byFile.set(path, list);
  }
  return { files: [...byFile].map(([path, findings]) => ({ path, findings })), omitted: sorted.length - shown.length };
}

/** `/apps/{slug}`: the same visibility as the API's `application(slug:)`. */
@Injectable()
export class AppPagesService {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly groups: GroupsRepository,
    private readonly deployments: DeploymentsService,
    private readonly snapshots: SnapshotsService,
    private readonly releases: ReleasesService,
    private readonly impact: ImpactService,
    private readonly migrations: MigrationsService,
    private readonly notices: NoticesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** NOT_FOUND (a DomainError) for an application that does not exist or that the viewer may not see. */
  async appPage(principal: Principal, slug: string): Promise<AppPageData> {
    const { app } = await this.applications.getReadable(principal, slug);
    const [groups, current] = await Promise.all([this.groups.findByIds([app.owningGroupId]), this.deployments.currentFor([app.id])]);
    const deployed = [...(current.get(app.id) ?? [])].sort((a, b) => compareEnvironments(a.environment, b.environment));
    const runtimes = new Map(
      await Promise.all(
        [...new Set(deployed.map((row) => row.runtimeVersion))].map(async (version) => [version, await this.releases.getRelease(principal, version)] as const),
      ),
    );
    const deployments = deployed.map((row) => {
      const runtime = runtimes.get(row.runtimeVersion) ?? null;
      return {
        environment: row.environment,
        runtimeVersion: row.runtimeVersion,
        status: runtime?.status ?? null,
        endOfSupport: runtime?.endOfSupport ?? null,
        commit: row.commit,
        deployedAt: row.deployedAt,
      };
    });

    // The migration that matters most: from what PROD runs (else the environment closest to it) to that release's target.
    const source = [...deployed].reverse().find((row) => runtimes.get(row.runtimeVersion)?.migrationTarget);
    let readiness: AppReadiness | null = null;
    if (source) {
      const target = runtimes.get(source.runtimeVersion)!.migrationTarget!.version;
      const result = await this.impact.appReadiness(principal, app.slug, target);
      const findings = result.result?.findings ?? [];
      readiness = {
        from: source.runtimeVersion,
        target,
        scanned: result.result !== null,
        ready: result.result !== null && result.result.errorCount === 0,
        blockers: findings.filter((finding) => finding.severity === 'ERROR'),
        warnings: result.result?.warningCount ?? 0,
      };
    }

    let snapshot: AppPageData['snapshot'] = null;
    if (app.latestSnapshotId) {
      const id = app.latestSnapshotId;
      const [heads, scans, files] = await Promise.all([this.snapshots.byIds([id]), this.snapshots.scansOf([id]), this.snapshots.filesOf(id)]);
      const head = heads.get(id);
      const lines = new Map(files.map((file) => [file.path, file.content.split(/\r\n|\n|\r/)]));
      if (head) {
        snapshot = {
          commit: head.lastCommit,
          submittedAt: head.lastSubmittedAt,
          submittedBy: head.submittedBy,
          scans: (scans.get(id) ?? []).map((scan) => ({
            runtimeVersion: scan.runtimeVersion,
            environments: scan.environments,
            errorCount: scan.errorCount,
            warningCount: scan.warningCount,
            ...findingsByFile(scan, lines),
          })),
        };
      }
    }
    const migrationRows = await this.migrations.ofApplication(app.id);
    const ids = migrationRows.map((row) => row.id);
    const [histories, waivers] = await Promise.all([this.migrations.histories(ids, MAX_HISTORY_SHOWN), this.migrations.latestWaivers(ids)]);
    const migrations = migrationRows.map((row) => {
      const waiver = waivers.get(row.id);
      return {
        from: row.sourceVersion,
        to: row.targetVersion,
        deadline: row.deadline,
        status: row.status,
        risk: row.risk,
        blockers: row.blockers,
        waiver: waiver ? { status: waiver.status, reason: waiver.reason, expiresOn: waiver.expiresOn } : null,
        history: (histories.get(row.id) ?? []).map((step) => ({ status: step.status, at: step.at, cause: step.cause })),
      };
    });
    const noticeRows = await this.notices.ofApplication(app.id, MAX_NOTICES_SHOWN);
    return {
      migrations,
      notices: noticeRows.map((notice) => ({
        sentAt: notice.createdAt,
        kind: notice.kind,
        release: notice.releaseVersion,
        subject: notice.subject,
        recipient: notice.recipientEmail,
        acknowledgedAt: notice.acknowledgedAt,
      })),
      app: {
        slug: app.slug,
        name: app.name,
        description: app.description,
        department: app.department,
        group: groups[0]?.slug ?? '',
        contacts: app.contacts,
        repositoryUrl: app.repositoryUrl,
        archived: app.archived,
      },
      timeZone: this.config.campusTimeZone,
      deployments,
      snapshot,
      readiness,
      notes: [],
    };
  }
}
