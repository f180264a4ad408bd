import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApplicationModel } from '../applications/applications.models';
import type { Application } from '../applications/application';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { badInput } from '../common/errors/domain-error';
import { auditEventFields } from '../common/graphql/audit-event.model';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { NEWEST_FIRST } from '../common/database/newest-first-page';
import { pagedConnection } from '../common/graphql/connection';
import type { InventoryAuditEventEntity } from './inventory-audit-event.entity';
import {
  InventoryAuditActionEnum,
  InventoryAuditEventConnectionModel,
  InventoryAuditEventModel,
  InventoryAuditLogArgs,
  InventoryAuditSubjectEnum,
} from './inventory-audit.models';
import { inventoryAuditLogCursor, InventoryAuditService } from './inventory-audit.service';

const toModel = (event: InventoryAuditEventEntity): InventoryAuditEventModel => ({
  ...auditEventFields(event),
  subjectType: event.subjectType as InventoryAuditSubjectEnum,
  subject: event.subjectSlug,
  action: event.action as InventoryAuditActionEnum,
});

@Resolver()
export class InventoryAuditResolver {
  constructor(private readonly audit: InventoryAuditService) {}

  @Query(() => InventoryAuditEventConnectionModel, {
    description:
      'Changes to groups, applications and deployments, newest first: all for admins; for others those of the groups and applications they can read.',
  })
  @RequireSignIn()
  async inventoryAuditLog(@CurrentPrincipal() principal: Principal, @Args() args: InventoryAuditLogArgs): Promise<InventoryAuditEventConnectionModel> {
    return pagedConnection(
      args,
      { codec: inventoryAuditLogCursor, order: NEWEST_FIRST },
      (request) => this.audit.page(principal, args.filter ?? {}, request),
      (event) => [event.id],
      toModel,
    );
  }
}

@Resolver(() => ApplicationModel)
export class ApplicationAuditEventsResolver {
  constructor(private readonly audit: InventoryAuditService) {}

  @ResolveField(() => [InventoryAuditEventModel], { description: 'The newest changes to this application (inventoryAuditLog has them all).' })
  async auditEvents(
    @Parent() app: Application,
    @CurrentPrincipal() principal: Principal | null,
    @Args('first', { type: () => Int, defaultValue: 20, description: '1 to 100.' }) first: number,
    @Context() context: LoaderContext,
  ): Promise<InventoryAuditEventModel[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be from 1 to 100');
    if (principal === null) return [];
    const loader = loaderFor(context, `inventoryAuditEvents:${first}`, () =>
      new BatchLoader((ids: string[]) => this.audit.latestOfApplications(principal, ids, first), [] as InventoryAuditEventEntity[]),
    );
    return (await loader.load(app.id)).map(toModel);
  }
}
