import { Inject, Injectable } from '@nestjs/common';
import { AdvisoriesService } from '../advisories/advisories.service';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { todayIn, type CalendarDate } from '../calendar/calendar-date';
import { Clock } from '../common/clock/clock';
import type { CatalogRelease } from '../releases/catalog.store';
import { scan, type AdvisoryIndex, type Finding, type ScanFileInput, type SuppressedFinding } from '../requirements';
import { runtimeLifecycleOn } from '../scanning/utils/runtime-lifecycle';

export interface StoredScanResult {
  errorCount: number;
  warningCount: number;
  findings: Finding[];
  /** Reported as suppressed, not dropped: what the snapshot's `.pype-lifecycle.toml` accepted, and why. */
  suppressed: SuppressedFinding[];
}

/** Scans stored snapshots against catalog releases with the service's policy and advisories. */
@Injectable()
export class SnapshotScanner {
  constructor(
    private readonly advisories: AdvisoriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The day scans judge a release's lifecycle on (RUNTIME_END_OF_LIFE and its kin): today on campus. */
  today(): CalendarDate {
    return todayIn(this.config.campusTimeZone, this.clock.now());
  }

  currentAdvisories(): Promise<AdvisoryIndex> {
    return this.advisories.currentIndex();
  }

  /** Stored files passed the size check when submitted; a later, lower limit must not make them unscannable. */
  scan(
    files: readonly ScanFileInput[],
    release: Pick<CatalogRelease, 'version' | 'pythonVersion' | 'packages' | 'generalAvailability' | 'endOfSupport' | 'migrationTargetVersion'>,
    advisories: AdvisoryIndex,
    on: CalendarDate = this.today(),
  ): StoredScanResult {
    const report = scan({
      files,
      runtime: {
        version: release.version,
        pythonVersion: release.pythonVersion,
        packages: release.packages,
        lifecycle: runtimeLifecycleOn(release, on, this.config.policy.noticeMonths),
      },
      advisories,
      policy: { allowedIndexUrls: this.config.scan.allowedIndexUrls },
      maxBytes: Number.MAX_SAFE_INTEGER,
      // The snapshot's own .pype-lifecycle.toml (when it has one) applies, its ignores judged on the same day.
      asOf: on,
    });
    let errorCount = 0;
    let warningCount = 0;
    for (const finding of report.findings) {
      if (finding.severity === 'ERROR') errorCount += 1;
      else if (finding.severity === 'WARNING') warningCount += 1;
    }
    return { errorCount, warningCount, findings: report.findings, suppressed: report.suppressed };
  }
}
