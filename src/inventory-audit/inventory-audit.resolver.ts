import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApplicationModel } from '../applications/applications.models';
import type { Application } from '../applications/application';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { pageOfRows } from '../common/paging/page';
import { auditEventFields } from '../common/graphql/audit-event.model';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { NEWEST_FIRST } from '../common/database/newest-first-page';
import { pagedConnection } from '../common/graphql/connection';
import type { InventoryAuditEventEntity } from './inventory-audit-event.entity';
import { ApplicationAuditEventsArgs, InventoryAuditEventConnectionModel, InventoryAuditEventModel, InventoryAuditLogArgs } from './inventory-audit.models';
import { applicationAuditEventsCursor, inventoryAuditLogCursor, InventoryAuditService } from './inventory-audit.service';

const toModel = (event: InventoryAuditEventEntity): InventoryAuditEventModel => ({
  ...auditEventFields(event),
  subjectType: event.subjectType,
  subject: event.subjectSlug,
  action: event.action,
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

  @ResolveField(() => InventoryAuditEventConnectionModel, { description: 'Changes to this application, newest first.' })
  auditEvents(
    @Parent() app: Application,
    @CurrentPrincipal() principal: Principal | null,
    @Args() args: ApplicationAuditEventsArgs,
    @Context() context: LoaderContext,
  ): Promise<InventoryAuditEventConnectionModel> {
    return pagedConnection(
      args,
      { codec: applicationAuditEventsCursor, order: NEWEST_FIRST, parent: app.id },
      async (request) => {
        const none = pageOfRows([] as InventoryAuditEventEntity[], request, 0);
        if (principal === null) return none;
        // One loader per page request: the applications of a page share it and load in one batch.
        const loader = loaderFor(
          context,
          `inventoryAuditEvents:${request.first}:${request.after?.[0] ?? ''}`,
          () => new BatchLoader((ids: string[]) => this.audit.pagesOfApplications(principal, ids, request), none),
        );
        return loader.load(app.id);
      },
      (event) => [event.id],
      toModel,
    );
  }
}
