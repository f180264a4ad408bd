import { Inject, Injectable } from '@nestjs/common';
import { AdvisoriesService } from '../advisories/advisories.service';
import type { Principal } from '../auth/principal';
import { findVisibleRelease } from '../releases/draft-visibility';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { badInput, notFound } from '../common/errors/domain-error';
import { CatalogStore } from '../releases/catalog.store';
import { todayIn } from '../calendar/calendar-date';
import { Clock } from '../common/clock/clock';
import { runtimeLifecycleOn } from './utils/runtime-lifecycle';
import { scan, ScanInputError, type RuntimeRelease, type ScanFileInput, type ScanReport } from '../requirements';
import { checkScanFiles, MAX_PATH_LENGTH } from './utils/check-scan-files';

export interface ServiceScanReport extends ScanReport {
  runtime: RuntimeRelease | null;
}

/** What `scanRequirements` calls the file when no filename is given: a pip requirements file. */
export const DEFAULT_FILENAME = 'requirements.txt';

/** The requirements engine behind the API: the catalog supplies runtimes, the store supplies advisories. */
@Injectable()
export class ScanningService {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly advisories: AdvisoriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A release to scan against: published, or a draft for admins (to check a release before publishing it); its lifecycle as of today on campus. */
  async runtimeFor(version: string, principal: Principal | null, field = 'runtime'): Promise<RuntimeRelease> {
    const wanted = version.trim();
    if (wanted === '') throw badInput(field, `${field} must be a release version such as 37.22.0, or left out`);
    const snapshot = await this.catalog.current();
    const release = findVisibleRelease(snapshot.byVersion, wanted, principal);
    if (!release) {
      const known = snapshot.releases.filter((candidate) => candidate.state === 'PUBLISHED').map((candidate) => candidate.version);
      throw notFound(`No runtime release ${wanted.slice(0, 64)}; known releases: ${known.join(', ') || '(none)'}`, { field });
    }
    const today = this.today();
    return {
      version: release.version,
      pythonVersion: release.pythonVersion,
      packages: release.packages,
      lifecycle: runtimeLifecycleOn(release, today, this.config.policy.noticeMonths),
    };
  }

  private today(): string {
    return todayIn(this.config.campusTimeZone, this.clock.now());
  }

  /** The settings every scan of this service applies, for clients that scan on their own. */
  policy(): { allowedIndexUrls: string[] } {
    return { allowedIndexUrls: [...this.config.scan.allowedIndexUrls] };
  }

  /** `scanRequirements`: one file, its format decided by the filename (default requirements.txt). */
  async scanContent(content: string, filename: string | null, runtimeVersion: string | null, principal: Principal | null): Promise<ServiceScanReport> {
    const path = filename?.trim() || DEFAULT_FILENAME;
    if (path.length > MAX_PATH_LENGTH) throw badInput('filename', `filename must be at most ${MAX_PATH_LENGTH} characters`);
    return this.scan([{ path, content }], runtimeVersion, principal, () => 'content');
  }

  /** `scanFiles`: a set of files, so that `-r`/`-c` includes resolve inside the set. */
  async scanFiles(files: readonly ScanFileInput[], runtimeVersion: string | null, principal: Principal | null, field = 'files'): Promise<ServiceScanReport> {
    checkScanFiles(files, field);
    return this.scan(files, runtimeVersion, principal, (file) => {
      const index = file === null ? -1 : files.findIndex((candidate) => candidate.path === file);
      return index < 0 ? field : `${field}[${index}].content`;
    });
  }

  private async scan(
    files: readonly ScanFileInput[],
    runtimeVersion: string | null,
    principal: Principal | null,
    fieldOf: (file: string | null) => string,
  ): Promise<ServiceScanReport> {
    this.checkSize(files, fieldOf);
    const runtime = runtimeVersion === null || runtimeVersion === undefined ? null : await this.runtimeFor(runtimeVersion, principal);
    const advisories = await this.advisories.currentIndex();
    try {
      const report = scan({
        files,
        runtime,
        advisories,
        policy: this.policy(),
        maxBytes: this.config.scan.maxUploadBytes,
        // A .pype-lifecycle.toml among the files: its ignores expire on campus days, as statuses do.
        asOf: this.today(),
      });
      return { ...report, runtime };
    } catch (error) {
      if (error instanceof ScanInputError) throw badInput(fieldOf(error.file), error.message, { reason: error.code, file: error.file });
      throw error;
    }
  }

  /** The upload limit, checked before anything else so that the message can name the setting. */
  private checkSize(files: readonly ScanFileInput[], fieldOf: (file: string | null) => string): void {
    const limit = this.config.scan.maxUploadBytes;
    let total = 0;
    for (const file of files) {
      total += typeof file.content === 'string' ? Buffer.byteLength(file.content, 'utf8') : file.content.length;
      if (total > limit) {
        const whole = files.length === 1 ? `${file.path} is` : 'the files are';
        throw badInput(
          fieldOf(files.length === 1 ? file.path : null),
          `${whole} larger than ${formatBytes(limit)}, the most this service scans at once (SCAN_MAX_UPLOAD_BYTES); split the files, or scan with the CLI`,
          { reason: 'INPUT_TOO_LARGE', limitBytes: limit },
        );
      }
    }
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${bytes} bytes (${mib} MiB)` : `${bytes} bytes`;
}
