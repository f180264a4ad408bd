import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../calendar/calendar-date';
import { CatalogStore } from '../releases/catalog.store';
import { waiverExpiredNotice } from './domain/notice-text';
import { LifecycleSweepService } from './lifecycle-sweep.service';
import { NoticeAudienceRepository } from './notice-audience.repository';

/** A migration waiver that just expired (pending or approved), as migration tracking reports it. */
export interface ExpiredWaiver {
  applicationId: string;
  /** The release the migration moves off. */
  sourceVersion: string;
  expiresOn: CalendarDate;
  reason: string;
  wasApproved: boolean;
}

/**
 * WAIVER_EXPIRED notices: when migration tracking expires waivers (in the sweep's transaction),
 * the people of each application (owning group's members and contacts) hear of it once, by the
 * same digests, e-mails and webhooks as milestone notices. A waiver expires once, so the notice
 * is made once. Releases whose notices are paused are left out.
 */
@Injectable()
export class WaiverNoticesService {
  constructor(
    private readonly audience: NoticeAudienceRepository,
    private readonly sweep: LifecycleSweepService,
    private readonly catalog: CatalogStore,
  ) {}

  async notifyWaiversExpired(manager: EntityManager, waivers: readonly ExpiredWaiver[]): Promise<{ noticesCreated: number; deliveriesQueued: number }> {
    const tally = { noticesCreated: 0, deliveriesQueued: 0 };
    const byVersion = new Map<string, Map<string, ExpiredWaiver>>();
    for (const waiver of waivers) {
      let ofRelease = byVersion.get(waiver.sourceVersion);
      if (!ofRelease) byVersion.set(waiver.sourceVersion, (ofRelease = new Map<string, ExpiredWaiver>()));
      ofRelease.set(waiver.applicationId, waiver);
    }
    const catalog = await this.catalog.current();
    for (const [version, waiverOf] of byVersion) {
      const release = catalog.byVersion.get(version);
      if (!release || (await this.audience.isPaused(manager, release.id))) continue;
      const targetVersion = release.migrationTargetVersion;
      const target = targetVersion ? (catalog.byVersion.get(targetVersion) ?? null) : null;
      const apps = await this.audience.applications(manager, [...waiverOf.keys()], release.id);
      const listed = await this.sweep.listed(apps, target, release.id, manager);
      const done = await this.sweep.writeDigests(manager, 'WAIVER_EXPIRED', apps, listed, {
        release: { id: release.id, version, endOfSupport: release.endOfSupport, migrationTarget: target?.version ?? null },
        milestoneDays: null,
        describe: (noticed) =>
          waiverExpiredNotice({
            version,
            endOfSupport: release.endOfSupport,
            migrationTarget: target?.version ?? null,
            applications: noticed.map((app) => ({ ...app, waiver: waiverOf.get(app.id)! })),
          }),
      });
      tally.noticesCreated += done.noticesCreated;
      tally.deliveriesQueued += done.deliveriesQueued;
    }
    return tally;
  }
}
