import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import { DateScalar } from '../common/graphql/scalars';
import { ParseUuid } from '../common/validation/validation';
import { RuntimeReleaseModel } from '../releases/release.models';
import { ReleasesService } from '../releases/releases.service';
import { LifecycleSweepService } from './lifecycle-sweep.service';
import type { NoticePauseEntity } from './notice-pause.entity';
import type { NoticeEntity } from './notice.entity';
import { MyNoticesArgs, NoticePreferencesInput, PauseReleaseNoticesInput, ResumeReleaseNoticesInput } from './notices.inputs';
import { LifecycleSweepModel, NoticeConnectionModel, NoticeModel, NoticePauseModel, NoticePreferencesModel } from './notices.models';
import { NEWEST_NOTICES_FIRST, noticesCursor, NoticesService } from './notices.service';

const noticeModelOf = (notice: NoticeEntity): NoticeModel => ({
  id: notice.id,
  kind: notice.kind,
  milestoneDays: notice.milestoneDays,
  releaseVersion: notice.releaseVersion,
  deadline: notice.deadline,
  subject: notice.subject,
  body: notice.bodyText,
  bodyHtml: notice.bodyHtml,
  applications: notice.applications,
  createdAt: notice.createdAt,
  acknowledgedAt: notice.acknowledgedAt,
});

@Resolver(() => NoticeModel)
export class NoticesResolver {
  constructor(
    private readonly sweep: LifecycleSweepService,
    private readonly notices: NoticesService,
    private readonly releases: ReleasesService,
  ) {}

  @Mutation(() => LifecycleSweepModel, {
    description: 'Runs the daily lifecycle sweep as of `asOf` (default today on campus); a second run for the same day makes nothing new.',
  })
  @RequireRoles(Role.ADMIN)
  async runLifecycleSweep(@Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null): Promise<LifecycleSweepModel> {
    const result = await this.sweep.run(asOf);
    // Counters of the migration tracking step (0 when it is not part of this service).
    return { ...result, migrationsOpened: Number(result.migrationsOpened ?? 0), waiversExpired: Number(result.waiversExpired ?? 0) };
  }

  @Query(() => NoticeConnectionModel, { description: "The signed-in user's notices, newest first." })
  @RequireSignIn()
  myNotices(@CurrentPrincipal() principal: Principal, @Args() args: MyNoticesArgs): Promise<Connection<NoticeModel>> {
    return pagedConnection(
      args,
      { codec: noticesCursor, order: NEWEST_NOTICES_FIRST },
      (request) => this.notices.myNotices(principal, args.unreadOnly, request),
      (item) => item.cursorKey,
      (item) => noticeModelOf(item.notice),
    );
  }

  @Mutation(() => NoticeModel, {
    description: 'Marks one of your notices as read; acknowledging a 30-day or later milestone notice stops its escalation to managers.',
  })
  @RequireSignIn()
  async acknowledgeNotice(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }, new ParseUuid('id')) id: string): Promise<NoticeModel> {
    return noticeModelOf(await this.notices.acknowledge(principal, id));
  }

  @ResolveField(() => RuntimeReleaseModel, { nullable: true, description: 'The release the notice is about.' })
  release(@CurrentPrincipal() principal: Principal | null, @Parent() notice: NoticeModel): Promise<RuntimeReleaseModel | null> | null {
    return notice.releaseVersion === null ? null : this.releases.getRelease(principal, notice.releaseVersion);
  }

  @Query(() => NoticePreferencesModel, { description: "The signed-in user's notice delivery preferences." })
  @RequireSignIn()
  myNoticePreferences(@CurrentPrincipal() principal: Principal): Promise<NoticePreferencesModel> {
    return this.notices.preferencesOf(principal);
  }

  @Mutation(() => NoticePreferencesModel, { description: "Changes the signed-in user's notice delivery preferences." })
  @RequireSignIn()
  setMyNoticePreferences(@CurrentPrincipal() principal: Principal, @Args('input') input: NoticePreferencesInput): Promise<NoticePreferencesModel> {
    return this.notices.setPreferences(principal, input);
  }

  @Query(() => [NoticePauseModel], { description: 'Releases whose notices are paused (a handful at most: one per release).' })
  @RequireRoles(Role.ADMIN)
  async noticePauses(): Promise<NoticePauseModel[]> {
    return Promise.all((await this.notices.listPauses()).map((pause) => this.pauseModelOf(pause)));
  }

  @Mutation(() => NoticePauseModel, { description: 'Pauses every notice about a release (recorded in the audit log with the reason).' })
  @RequireRoles(Role.ADMIN)
  async pauseReleaseNotices(@CurrentPrincipal() principal: Principal, @Args('input') input: PauseReleaseNoticesInput): Promise<NoticePauseModel> {
    return this.pauseModelOf(await this.notices.pause(principal, input.version, input.reason));
  }

  @Mutation(() => NoticePauseModel, {
    description: 'Resumes notices about a release; the next sweep sends the latest milestone crossed meanwhile. Returns the pause that ended.',
  })
  @RequireRoles(Role.ADMIN)
  async resumeReleaseNotices(@CurrentPrincipal() principal: Principal, @Args('input') input: ResumeReleaseNoticesInput): Promise<NoticePauseModel> {
    return this.pauseModelOf(await this.notices.resume(principal, input.version, input.reason ?? null));
  }

  private async pauseModelOf(pause: NoticePauseEntity): Promise<NoticePauseModel> {
    return { release: await this.notices.versionOf(pause.releaseId), reason: pause.reason, pausedBy: pause.pausedBy, pausedAt: pause.pausedAt };
  }
}
