import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { ReleasesService } from '../releases/releases.service';
import { ScanningService } from '../scanning/scanning.service';
import type { ScanForm } from './forms/scan-form';
import type { ScanPageData } from './views/scan-page';

/** Bytes shown as KiB or MiB, for messages. */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** `/scan`: the form with the catalog's runtimes, and a scan of what it sent. */
@Injectable()
export class ScanPagesService {
  constructor(
    private readonly scanning: ScanningService,
    private readonly releases: ReleasesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxUploadBytes(): number {
    return this.config.scan.maxUploadBytes;
  }

  /** The empty form; the runtime preselected is today's recommended release, if there is one. */
  async form(csrfToken: string): Promise<ScanPageData> {
    const views = await this.releases.listReleases(null, {});
    const recommended = views.find((view) => view.recommended);
    return {
      csrfToken,
      runtimes: views.map((view) => ({ version: view.version, status: view.status, recommended: view.recommended })),
      maxUploadBytes: this.config.scan.maxUploadBytes,
      content: '',
      filename: 'requirements.txt',
      runtime: recommended?.version ?? null,
      problem: null,
      outcome: null,
    };
  }

  /** Scans what the form sent. The size limit is checked first, so a large file costs no scan. */
  async submit(principal: Principal | null, csrfToken: string, form: ScanForm): Promise<{ status: number; data: ScanPageData }> {
    const base = await this.form(csrfToken);
    const limit = this.config.scan.maxUploadBytes;
    const text = form.content.toString('utf8');
    const shown = { ...base, filename: form.uploaded ? base.filename : form.filename, runtime: form.runtime };
    if (form.content.length > limit) {
      const what = form.uploaded ? `The file ${form.filename} is` : 'The pasted text is';
      return {
        status: 413,
        data: {
          ...shown,
          problem: `${what} ${formatBytes(form.content.length)}; this service scans at most ${formatBytes(limit)} at once (SCAN_MAX_UPLOAD_BYTES). Nothing was scanned. Split the file, or scan it with the CLI.`,
        },
      };
    }
    if (text.trim() === '') return { status: 400, data: { ...shown, problem: 'Paste the content of a requirements file, or choose a file, then scan.' } };
    try {
      const report = await this.scanning.scanFiles([{ path: form.filename, content: form.content }], form.runtime, principal, 'content');
      return {
        status: 200,
        data: {
          ...shown,
          content: form.uploaded ? '' : text,
          outcome: {
            filename: form.filename,
            runtime: report.runtime?.version ?? null,
            lines: text.split(/\r\n|\n|\r/),
            requirements: report.requirements.length,
            findings: report.findings,
          },
        },
      };
    } catch (error) {
      if (error instanceof DomainError && (error.code === ErrorCode.BAD_USER_INPUT || error.code === ErrorCode.NOT_FOUND)) {
        return { status: error.code === ErrorCode.NOT_FOUND ? 404 : 400, data: { ...shown, content: form.uploaded ? '' : text, problem: error.message } };
      }
      throw error;
    }
  }
}
