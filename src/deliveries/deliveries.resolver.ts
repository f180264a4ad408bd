import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import {
  CreateWebhookInput,
  NoticeDeliveriesArgs,
  NoticeDeliveryConnectionModel,
  NoticeDeliveryModel,
  WebhookConnectionModel,
  WebhookModel,
  WebhooksArgs,
} from './deliveries.models';
import { deliveriesCursor, NEWEST_FIRST, NoticeDeliveriesService } from './notice-deliveries.service';
import type { WebhooksCursorKey } from './webhooks.repository';
import { webhookView, WebhooksService } from './webhooks.service';

const OLDEST_FIRST = 'OLDEST_FIRST';
const webhooksCursor = cursorCodec<typeof OLDEST_FIRST, WebhooksCursorKey>('webhooks', () => [cursorValue.timestamp, cursorValue.uuid]);

@Resolver()
export class DeliveriesResolver {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly deliveries: NoticeDeliveriesService,
  ) {}

  @Mutation(() => WebhookModel, { description: "Adds a webhook that receives the group's notices (owners of the group and admins)." })
  @RequireSignIn()
  createWebhook(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateWebhookInput): Promise<WebhookModel> {
    return this.webhooks.create(principal, input);
  }

  @Mutation(() => WebhookModel, { description: 'Deletes a webhook (owners of its group and admins) and returns what it was.' })
  @RequireSignIn()
  deleteWebhook(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<WebhookModel> {
    return this.webhooks.delete(principal, id);
  }

  @Query(() => WebhookConnectionModel, { name: 'webhooks', description: "A group's webhooks, oldest first (members of the group and admins)." })
  @RequireSignIn()
  async webhooksList(@CurrentPrincipal() principal: Principal, @Args() args: WebhooksArgs): Promise<Connection<WebhookModel>> {
    return pagedConnection(
      args,
      { codec: webhooksCursor, order: OLDEST_FIRST, parent: args.group },
      async (request) => {
        const { group, page } = await this.webhooks.list(principal, args.group, request);
        return { ...page, items: page.items.map((item) => ({ ...item, view: webhookView(item.webhook, group) })) };
      },
      (item) => item.cursorKey,
      (item) => item.view,
    );
  }

  @Query(() => NoticeDeliveryConnectionModel, { description: 'E-mail and webhook deliveries, newest first, dead letters included (admins).' })
  @RequireRoles(Role.ADMIN)
  noticeDeliveries(@Args() args: NoticeDeliveriesArgs): Promise<Connection<NoticeDeliveryModel>> {
    const filter = { statuses: args.filter?.status?.length ? args.filter.status : null, channel: args.filter?.channel ?? null };
    return pagedConnection(
      args,
      { codec: deliveriesCursor, order: NEWEST_FIRST },
      (request) => this.deliveries.list(filter, request),
      (item) => item.cursorKey,
      (item) => item.view,
    );
  }

  @Mutation(() => NoticeDeliveryModel, { description: 'Queues a DEAD, NOT_SENT or RETRYING delivery again, with a fresh set of retries (admins).' })
  @RequireRoles(Role.ADMIN)
  retryDelivery(@Args('id', { type: () => ID }) id: string): Promise<NoticeDeliveryModel> {
    return this.deliveries.retry(id);
  }
}
