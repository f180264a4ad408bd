import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { groupSubject, AuditRecorder } from '../audit/audit.recorder';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { badInput, forbidden, notFound } from '../common/errors/domain-error';
import { checkUuid } from '../common/input-rules/uuid';
import type { Page, PageRequest } from '../common/paging/page';
import { requireValid } from '../common/validation/satisfies';
import { AccessService } from '../groups/access.service';
import { canManageGroup, isAdminCaller } from '../groups/access-policy';
import type { GroupEntity } from '../groups/group.entity';
import { GroupsRepository } from '../groups/groups.repository';
import { HostResolver } from './host-resolver';
import { isPrivateAddress } from './private-networks';
import { WebhookSecrets } from './webhook-secrets';
import { checkWebhookSecret, checkWebhookUrl } from './webhook-input';
import type { WebhookEntity } from './webhook.entity';
import { WebhooksRepository, type WebhookListItem, type WebhooksCursorKey } from './webhooks.repository';

/** A webhook as the notices sweep needs it: which one, for which group. */
export interface ActiveWebhook {
  id: string;
  groupId: string;
}

/** A webhook with its group, as the API shows it (without the secret). */
export interface WebhookView {
  id: string;
  group: GroupEntity;
  url: string;
  createdBy: string;
  createdAt: Date;
}

const view = (webhook: WebhookEntity, group: GroupEntity): WebhookView => ({
  id: webhook.id,
  group,
  url: webhook.url,
  createdBy: webhook.createdBy,
  createdAt: webhook.createdAt,
});

/** Groups' webhooks: who may create and delete them, and which ones a notice goes to. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly webhooks: WebhooksRepository,
    private readonly groups: GroupsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditRecorder,
    private readonly hosts: HostResolver,
    private readonly secrets: WebhookSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The webhooks that should receive these groups' notices, read in the caller's transaction. */
  async activeForGroups(groupIds: string[], manager: EntityManager): Promise<ActiveWebhook[]> {
    const rows = await this.webhooks.forGroups(groupIds, manager);
    return rows.map(({ id, groupId }) => ({ id, groupId }));
  }

  /** Owners of the group and admins; the URL's host must resolve now. */
  async create(principal: Principal, input: { group: string; url: string; secret: string }): Promise<WebhookView> {
    const url = requireValid(checkWebhookUrl(input.url, 'url'), 'url');
    const secret = requireValid(checkWebhookSecret(input.secret, 'secret'), 'secret');
    return this.dataSource.transaction(async (manager) => {
      const group = await this.requireGroup(input.group, manager);
      if (!canManageGroup(await this.access.callerFor(principal, manager), group.id)) {
        throw forbidden(`Only owners of ${group.slug} and admins may add webhooks to it`);
      }
      const { hostname } = new URL(url);
      const addresses = await this.hosts.addresses(hostname);
      if (addresses.length === 0) {
        throw badInput('url', `url's host '${hostname}' does not resolve; expected a host name or address this service can reach`);
      }
      const privateAddress = addresses.find(isPrivateAddress);
      if (this.config.deliveries.webhookPrivateAddresses === 'deny' && privateAddress !== undefined) {
        throw badInput(
          'url',
          `url's host '${hostname}' is ${privateAddress}, a loopback, private or reserved address; expected a public address (operators allow these with WEBHOOK_PRIVATE_ADDRESSES=allow)`,
        );
      }
      const stored = this.secrets.seal(secret);
      const webhook = await this.webhooks.insert(manager, {
        groupId: group.id,
        url,
        secret: stored.secret,
        secretSealed: stored.sealed,
        createdBy: principal.label,
        createdAt: this.clock.now(),
      });
      await this.audit.record(manager, principal, [{ ...groupSubject(group), action: 'WEBHOOK_CREATED', after: { webhookId: webhook.id, url } }]);
      return view(webhook, group);
    });
  }

  /** Owners of its group and admins; deliveries still queued for it end as dead letters. */
  async delete(principal: Principal, id: string): Promise<WebhookView> {
    requireValid(checkUuid(id, 'id'), 'id');
    return this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.lockById(manager, id);
      const [group] = webhook ? await this.groups.findByIds([webhook.groupId], manager) : [];
      if (!webhook || !group) throw notFound(`No webhook ${id}`, { field: 'id' });
      if (!canManageGroup(await this.access.callerFor(principal, manager), group.id)) {
        throw forbidden(`Only owners of ${group.slug} and admins may delete its webhooks`);
      }
      await this.webhooks.delete(manager, id);
      await this.audit.record(manager, principal, [{ ...groupSubject(group), action: 'WEBHOOK_DELETED', before: { webhookId: id, url: webhook.url } }]);
      return view(webhook, group);
    });
  }

  /** Members of the group and admins list its webhooks. */
  async list(principal: Principal, slug: string, request: PageRequest<WebhooksCursorKey>): Promise<{ group: GroupEntity; page: Page<WebhookListItem> }> {
    const group = await this.requireGroup(slug);
    const caller = await this.access.callerFor(principal);
    if (!isAdminCaller(caller) && !caller.memberOf.has(group.id)) throw forbidden(`Only members of ${group.slug} and admins may list its webhooks`);
    return { group, page: await this.webhooks.pageOfGroup(group.id, request) };
  }

  private async requireGroup(slug: string, manager?: EntityManager): Promise<GroupEntity> {
    const group = await this.groups.findBySlug(slug, manager);
    if (!group) throw notFound(`No group '${slug}'`, { field: 'group' });
    return group;
  }
}

export { view as webhookView };
