import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { NEWEST_FIRST } from '../common/database/newest-first-page';
import { pagedConnection } from '../common/graphql/connection';
import { auditEventFields } from '../common/graphql/audit-event.model';
import { DateScalar } from '../common/graphql/scalars';
import { AuditLogArgs, ReleasesArgs } from './releases.args';
import { auditLogCursor, ReleaseAuditService } from './release-audit.service';
import { ChangeEndOfSupportInput, CreateReleaseDraftInput, PublishReleaseInput, UpdateReleaseDraftInput } from './release.inputs';
import { AuditEventConnectionModel, PolicyViolationModel, RuntimeReleaseModel } from './release.models';
import { ReleasesService } from './releases.service';

@Resolver(() => RuntimeReleaseModel)
export class ReleasesResolver {
  constructor(
    private readonly releases: ReleasesService,
    private readonly audit: ReleaseAuditService,
  ) {}

  @Query(() => [RuntimeReleaseModel], { name: 'releases', description: 'The catalog, newest version first. Readable without a token.' })
  releasesQuery(@CurrentPrincipal() principal: Principal | null, @Args() args: ReleasesArgs): Promise<RuntimeReleaseModel[]> {
    return this.releases.listReleases(principal, args);
  }

  @Query(() => RuntimeReleaseModel, { nullable: true, description: 'One release by version; drafts only for admins.' })
  release(
    @CurrentPrincipal() principal: Principal | null,
    @Args('version') version: string,
    @Args('on', { type: () => DateScalar, nullable: true }) on: string | null,
  ): Promise<RuntimeReleaseModel | null> {
    return this.releases.getRelease(principal, version, on);
  }

  @Query(() => [RuntimeReleaseModel], { description: 'Releases apps may run on `on` (SUPPORTED or DEPRECATED), newest first.' })
  supportedReleases(@Args('on', { type: () => DateScalar, nullable: true }) on: string | null): Promise<RuntimeReleaseModel[]> {
    return this.releases.supportedReleases(on);
  }

  @Query(() => RuntimeReleaseModel, { nullable: true, description: 'The newest LTS release SUPPORTED on `on`: the one to build new work on.' })
  recommendedRelease(@Args('on', { type: () => DateScalar, nullable: true }) on: string | null): Promise<RuntimeReleaseModel | null> {
    return this.releases.recommendedRelease(on);
  }

  @Query(() => [PolicyViolationModel], { description: 'What publishing this input would violate; changes nothing.' })
  @RequireRoles(Role.ADMIN)
  releasePolicyCheck(@CurrentPrincipal() principal: Principal, @Args('input') input: PublishReleaseInput): Promise<PolicyViolationModel[]> {
    return this.releases.checkPolicy(principal, input);
  }

  @Query(() => AuditEventConnectionModel, { description: 'Every catalog change, newest first; the history of drafts for admins only.' })
  @RequireRoles(Role.ADMIN, Role.MANAGER)
  async auditLog(@CurrentPrincipal() principal: Principal, @Args() args: AuditLogArgs): Promise<AuditEventConnectionModel> {
    return pagedConnection(
      args,
      { codec: auditLogCursor, order: NEWEST_FIRST },
      (request) => this.audit.page(principal, args, request),
      (event) => [event.id],
      (event) => ({ ...auditEventFields(event), releaseVersion: event.releaseVersion, action: event.action }),
    );
  }

  @Mutation(() => RuntimeReleaseModel, { description: 'Publishes a release: creates and publishes in one step, or publishes the draft of that version.' })
  @RequireRoles(Role.ADMIN)
  publishRelease(@CurrentPrincipal() principal: Principal, @Args('input') input: PublishReleaseInput): Promise<RuntimeReleaseModel> {
    return this.releases.publish(principal, input);
  }

  @Mutation(() => RuntimeReleaseModel, { description: 'Creates a draft, visible to admins only until published.' })
  @RequireRoles(Role.ADMIN)
  createReleaseDraft(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateReleaseDraftInput): Promise<RuntimeReleaseModel> {
    return this.releases.createDraft(principal, input);
  }

  @Mutation(() => RuntimeReleaseModel, { description: 'Changes a draft; fields left out keep their value.' })
  @RequireRoles(Role.ADMIN)
  updateReleaseDraft(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateReleaseDraftInput): Promise<RuntimeReleaseModel> {
    return this.releases.updateDraft(principal, input);
  }

  @Mutation(() => String, { description: 'Deletes a draft; returns its version.' })
  @RequireRoles(Role.ADMIN)
  withdrawReleaseDraft(@CurrentPrincipal() principal: Principal, @Args('version') version: string): Promise<string> {
    return this.releases.withdrawDraft(principal, version);
  }

  @Mutation(() => RuntimeReleaseModel, {
    description: 'Moves the end of support of a published release. Earlier than today + notice period needs securityExceptionReason.',
  })
  @RequireRoles(Role.ADMIN)
  changeEndOfSupport(@CurrentPrincipal() principal: Principal, @Args('input') input: ChangeEndOfSupportInput): Promise<RuntimeReleaseModel> {
    return this.releases.changeEndOfSupport(principal, input);
  }
}
