import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { ApplicationsService } from '../../applications/applications.service';
import { TOOL_NAME, toolVersion } from '../../cli/tool-version';
import { Clock } from '../../common/clock/clock';
import { conflict, notFound } from '../../common/errors/domain-error';
import { DeploymentsService } from '../../deployments/deployments.service';
import { CatalogStore } from '../../releases/catalog.store';
import { scan } from '../../requirements';
import { SnapshotsService } from '../../snapshots/snapshots.service';
import { buildCycloneDxSbom, type CycloneDxBom } from './cyclonedx-sbom';

/** The environment whose runtime the SBOM describes, unless the caller names a runtime. */
const SBOM_ENVIRONMENT = 'PROD';

/**
 * CycloneDX SBOMs of applications: the app's latest requirements snapshot installed on the runtime
 * its PROD deployment runs. Visible to whoever may read the app; others get NOT_FOUND, as for an
 * app that does not exist.
 */
@Injectable()
export class SbomService {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly deployments: DeploymentsService,
    private readonly snapshots: SnapshotsService,
    private readonly catalog: CatalogStore,
    private readonly clock: Clock,
  ) {}

  /** `runtime` overrides PROD's (e.g. an app not yet in production, or a planned move). */
  async sbomOf(principal: Principal, slug: string, runtime: string | null): Promise<CycloneDxBom> {
    const { app } = await this.applications.getReadable(principal, slug, 'slug');
    const current = (await this.deployments.currentFor([app.id])).get(app.id) ?? [];
    const prod = current.find((deployment) => deployment.environment === SBOM_ENVIRONMENT) ?? null;
    const version = runtime ?? prod?.runtimeVersion ?? null;
    if (version === null) {
      throw conflict(`${app.slug} has no ${SBOM_ENVIRONMENT} deployment, so its runtime is unknown: name one with ?runtime=<version>`, { field: 'runtime' });
    }
    const release = (await this.catalog.current()).byVersion.get(version);
    if (!release || (release.state !== 'PUBLISHED' && runtime !== null))
      throw notFound(`No published release ${JSON.stringify(version)}`, { field: 'runtime' });

    const snapshot = app.latestSnapshotId === null ? null : ((await this.snapshots.byIds([app.latestSnapshotId])).get(app.latestSnapshotId) ?? null);
    const files = snapshot === null ? [] : await this.snapshots.filesOf(snapshot.id);
    // Stored files passed the size limit when submitted; a later, lower limit must not make them unreadable.
    const requirements = files.length === 0 ? [] : scan({ files, runtime: release, maxBytes: Number.MAX_SAFE_INTEGER }).requirements;
    const properties: Record<string, string> = { 'pype:runtime': release.version };
    if (runtime === null) properties['pype:environment'] = SBOM_ENVIRONMENT;
    if (snapshot !== null) {
      properties['pype:snapshot'] = snapshot.id;
      properties['pype:commit'] = snapshot.lastCommit;
      properties['pype:files'] = snapshot.files.map((file) => file.path).join(', ');
    }
    return buildCycloneDxSbom({
      subject: { name: app.slug, description: app.name, properties },
      runtime: release,
      requirements,
      tool: { name: TOOL_NAME, version: toolVersion() },
      timestamp: this.clock.now(),
      serialNumber: `urn:uuid:${randomUUID()}`,
    });
  }
}
