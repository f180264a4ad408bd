import { Inject, Injectable } from '@nestjs/common';
import { AdvisoriesService } from '../advisories/advisories.service';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import type { CatalogRelease } from '../releases/catalog.store';
import { scan, type AdvisoryIndex, type Finding, type ScanFileInput } from '../requirements';

export interface StoredScanResult {
  errorCount: number;
  warningCount: number;
  findings: Finding[];
}

/** Scans stored snapshots against catalog releases with the service's policy and advisories. */
@Injectable()
export class SnapshotScanner {
  constructor(
    private readonly advisories: AdvisoriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  currentAdvisories(): Promise<AdvisoryIndex> {
    return this.advisories.currentIndex();
  }

  /** Stored files passed the size check when submitted; a later, lower limit must not make them unscannable. */
  scan(files: readonly ScanFileInput[], release: Pick<CatalogRelease, 'version' | 'pythonVersion' | 'packages'>, advisories: AdvisoryIndex): StoredScanResult {
    const report = scan({
      files,
      runtime: { version: release.version, pythonVersion: release.pythonVersion, packages: release.packages },
      advisories,
      policy: { allowedIndexUrls: this.config.scan.allowedIndexUrls },
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    let errorCount = 0;
    let warningCount = 0;
    for (const finding of report.findings) {
      if (finding.severity === 'ERROR') errorCount += 1;
      else if (finding.severity === 'WARNING') warningCount += 1;
    }
    return { errorCount, warningCount, findings: report.findings };
  }
}
