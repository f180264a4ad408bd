import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { CatalogStore } from '../releases/catalog.store';
import { ReleaseEvents, type EndOfSupportChanged, type ReleasePublished } from '../releases/release-events';
import { endOfSupportChangedNotice, releasePublishedNotice } from './domain/notice-text';
import { LifecycleSweepService } from './lifecycle-sweep.service';
import { NoticeAudienceRepository } from './notice-audience.repository';
import { NoticeChannels } from './notice-channels';
import { NoticesMetrics } from './notices.metrics';
import { NoticesRepository } from './notices.repository';

/** Developers told about one published release; past this the rest are not (and the log says so). */
export const MAX_ANNOUNCEMENT_RECIPIENTS = 50_000;
/** Applications told at once that their release's end of support moved; past this the rest are not (and the log says so). */
export const MAX_APPLICATIONS_PER_EVENT = 20_000;

/**
 * Notices for catalog events, made inside the publishing or date-changing transaction (so they
 * exist exactly when the change does): a published release goes to every developer and the
 * announcement list; a moved end of support goes at once to everyone who would get the release's
 * milestone notices.
 */
@Injectable()
export class ReleaseNoticesService implements OnModuleInit {
  private readonly logger = new Logger(ReleaseNoticesService.name);

  constructor(
    private readonly events: ReleaseEvents,
    private readonly audience: NoticeAudienceRepository,
    private readonly notices: NoticesRepository,
    private readonly channels: NoticeChannels,
    private readonly sweep: LifecycleSweepService,
    private readonly catalog: CatalogStore,
    private readonly metrics: NoticesMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.onPublished((event, manager) => this.published(event, manager));
    this.events.onEndOfSupportChanged((event, manager) => this.endOfSupportChanged(event, manager));
  }

  private async published({ release }: ReleasePublished, manager: EntityManager): Promise<void> {
    const text = releasePublishedNotice({ ...release, url: `${this.config.publicUrl}/releases/${release.version}` });
    const developers = await this.audience.developers(manager, MAX_ANNOUNCEMENT_RECIPIENTS);
    if (developers.length === MAX_ANNOUNCEMENT_RECIPIENTS) {
      this.logger.warn(`Release ${release.version} was announced to the first ${MAX_ANNOUNCEMENT_RECIPIENTS} developers only (by e-mail address)`);
    }
    const createdAt = this.clock.now();
    const ids = await this.notices.insertMany(
      manager,
      developers.map((person) => ({
        kind: 'RELEASE_PUBLISHED',
        recipientEmail: person.email,
        userId: person.userId,
        releaseId: release.id,
        releaseVersion: release.version,
        milestoneDays: null,
        deadline: release.endOfSupport,
        subject: text.subject,
        bodyText: text.text,
        bodyHtml: text.html,
        applications: [],
        createdAt,
      })),
    );
    this.metrics.noticesCreated('RELEASE_PUBLISHED', ids.length);
    const written = developers.map((person, index) => ({ id: ids[index], person, text }));
    await this.channels.deliver(manager, written, null);
    if (this.config.notices.announceTo) await this.channels.email(manager, this.config.notices.announceTo, text);
  }

  private async endOfSupportChanged({ release, previousEndOfSupport, reason }: EndOfSupportChanged, manager: EntityManager): Promise<void> {
    if (await this.audience.isPaused(manager, release.id)) return;
    const applicationIds = await this.audience.applicationsOnRelease(manager, release.id, MAX_APPLICATIONS_PER_EVENT);
    if (applicationIds.length === MAX_APPLICATIONS_PER_EVENT) {
      this.logger.warn(`The end of support change of ${release.version} was told about the first ${MAX_APPLICATIONS_PER_EVENT} applications only`);
    }
    if (applicationIds.length === 0) return;
    const apps = await this.audience.applications(manager, applicationIds, release.id);
    const target = release.migrationTarget === null ? null : ((await this.catalog.current()).byVersion.get(release.migrationTarget) ?? null);
    const listed = await this.sweep.listed(apps, target, release.id, manager);
    await this.sweep.writeDigests(manager, 'END_OF_SUPPORT_CHANGED', apps, listed, {
      release: { id: release.id, version: release.version, endOfSupport: release.endOfSupport, migrationTarget: release.migrationTarget },
      milestoneDays: null,
      describe: (applications) =>
        endOfSupportChangedNotice({
          version: release.version,
          previousEndOfSupport,
          endOfSupport: release.endOfSupport,
          migrationTarget: release.migrationTarget,
          reason,
          applications,
        }),
    });
  }
}
