import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRecorder, releaseSubject } from '../audit/audit.recorder';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import { conflict, notFound } from '../common/errors/domain-error';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import { CatalogStore } from '../releases/catalog.store';
import { ReleasesService } from '../releases/releases.service';
import { NoticePausesRepository } from './notice-pauses.repository';
import { DEFAULT_NOTICE_PREFERENCES, NoticePreferencesRepository, type NoticePreferences } from './notice-preferences.repository';
import type { NoticePauseEntity } from './notice-pause.entity';
import type { NoticeEntity } from './notice.entity';
import { NoticesRepository, type NoticesCursorKey } from './notices.repository';

export const NEWEST_NOTICES_FIRST = 'NEWEST_FIRST';
export const noticesCursor = cursorCodec<typeof NEWEST_NOTICES_FIRST, NoticesCursorKey>('myNotices', () => [cursorValue.timestamp, cursorValue.uuid]);

/** A notice with its place in the list. */
export interface ListedNotice {
  notice: NoticeEntity;
  cursorKey: NoticesCursorKey;
}

/** In-app notices, delivery preferences and paused releases: what people do with notices. */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesRepository,
    private readonly preferences: NoticePreferencesRepository,
    private readonly pauses: NoticePausesRepository,
    private readonly releases: ReleasesService,
    private readonly catalog: CatalogStore,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  /** The caller's notices, newest first; the bootstrap admin (no user) has none. */
  async myNotices(principal: Principal, unreadOnly: boolean, request: PageRequest<NoticesCursorKey>): Promise<Page<ListedNotice>> {
    if (principal.userId === null) return pageOfRows([], request, 0);
    return this.notices.pageOfUser(principal.userId, unreadOnly, request);
  }

  /** Acknowledges one of the caller's notices; anyone else's is NOT_FOUND, as if it did not exist. */
  /** Notices that listed an application the caller was allowed to read (its page), newest first, at most `limit`. */
  ofApplication(applicationId: string, limit: number): Promise<NoticeEntity[]> {
    return this.notices.ofApplication(applicationId, limit);
  }

  async acknowledge(principal: Principal, id: string): Promise<NoticeEntity> {
    const notice = principal.userId === null ? null : await this.notices.acknowledge(principal.userId, id, this.clock.now());
    if (!notice) throw notFound(`You have no notice ${id}`, { field: 'id' });
    return notice;
  }

  async preferencesOf(principal: Principal): Promise<NoticePreferences> {
    return principal.userId !== null ? this.preferences.of(principal.userId) : { ...DEFAULT_NOTICE_PREFERENCES };
  }

  async setPreferences(principal: Principal, input: Partial<{ emailEnabled: boolean | null; digest: boolean | null }>): Promise<NoticePreferences> {
    if (principal.userId === null) throw conflict('The bootstrap admin is not a user and gets no notices; sign in with a user token', { field: 'input' });
    const current = await this.preferences.of(principal.userId);
    return this.preferences.set(principal.userId, { emailEnabled: input.emailEnabled ?? current.emailEnabled, digest: input.digest ?? current.digest });
  }

  listPauses(): Promise<NoticePauseEntity[]> {
    return this.pauses.all();
  }

  /** Stops the sweep from sending anything about the release until resumed (recorded in the audit log). */
  async pause(principal: Principal, version: string, reason: string): Promise<NoticePauseEntity> {
    const release = await this.releases.requirePublished(version);
    return this.dataSource.transaction(async (manager) => {
      const pause = { releaseId: release.id, reason: reason.trim(), pausedBy: principal.label, pausedAt: this.clock.now() };
      if (!(await this.pauses.pause(manager, pause))) {
        throw conflict(`Notices for ${release.version} are already paused`, { field: 'version' });
      }
      await this.audit.record(manager, principal, [
        { ...releaseSubject(release.version), action: 'NOTICES_PAUSED', after: { paused: true }, reason: pause.reason },
      ]);
      return pause;
    });
  }

  /** Lets the sweep notify about the release again: it catches up with the latest milestone crossed meanwhile. */
  async resume(principal: Principal, version: string, reason: string | null): Promise<NoticePauseEntity> {
    const release = await this.releases.requirePublished(version);
    return this.dataSource.transaction(async (manager) => {
      const ended = await this.pauses.resume(manager, release.id);
      if (!ended) throw conflict(`Notices for ${release.version} are not paused`, { field: 'version' });
      await this.audit.record(manager, principal, [
        {
          ...releaseSubject(release.version),
          action: 'NOTICES_RESUMED',
          before: { paused: true, reason: ended.reason },
          after: { paused: false },
          reason: reason?.trim() || null,
        },
      ]);
      return ended;
    });
  }

  /** The version of a release by id, for a pause's answer. */
  async versionOf(releaseId: string): Promise<string> {
    const snapshot = await this.catalog.current();
    return snapshot.releases.find((release) => release.id === releaseId)?.version ?? releaseId;
  }
}
