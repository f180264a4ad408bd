import { Inject, Injectable } from '@nestjs/common';
import { AdvisoriesService } from '../advisories/advisories.service';
import { isAdmin, type Principal } from '../auth/principal';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { badInput, notFound } from '../common/errors/domain-error';
import { CatalogStore } from '../releases/catalog.store';
import { scan, ScanInputError, type RuntimeRelease, type ScanFileInput, type ScanReport } from '../requirements';

export interface ServiceScanReport extends ScanReport {
  runtime: RuntimeRelease | null;
}

/** The requirements engine behind the API: the catalog supplies runtimes, the store supplies advisories. */
@Injectable()
export class ScanningService {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly advisories: AdvisoriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A release to scan against: published, or a draft for admins (to check a release before publishing it). */
  async runtimeFor(version: string, principal: Principal | null, field = 'runtime'): Promise<RuntimeRelease> {
    const snapshot = await this.catalog.current();
    const release = snapshot.byVersion.get(version.trim());
    if (!release || (release.state === 'DRAFT' && !isAdmin(principal))) {
      const known = snapshot.releases.filter((candidate) => candidate.state === 'PUBLISHED').map((candidate) => candidate.version);
      throw notFound(`No runtime release ${version}; known releases: ${known.join(', ') || '(none)'}`, { field });
    }
    return { version: release.version, pythonVersion: release.pythonVersion, packages: release.packages };
  }

  async scanFiles(files: readonly ScanFileInput[], runtimeVersion: string | null, principal: Principal | null, field = 'files'): Promise<ServiceScanReport> {
    const runtime = runtimeVersion ? await this.runtimeFor(runtimeVersion, principal) : null;
    const advisories = await this.advisories.currentIndex();
    try {
      const report = scan({
        files,
        runtime,
        advisories,
        policy: { allowedIndexUrls: this.config.scan.allowedIndexUrls },
        maxBytes: this.config.scan.maxUploadBytes,
      });
      return { ...report, runtime };
    } catch (error) {
      if (error instanceof ScanInputError) throw badInput(field, error.message, { reason: error.code, file: error.file });
      throw error;
    }
  }
}
