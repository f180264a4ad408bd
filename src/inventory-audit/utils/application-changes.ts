import type { ApplicationAuditFields } from './application-audit-fields';

export interface ApplicationChange {
  action: 'APPLICATION_TRANSFERRED' | 'APPLICATION_UPDATED';
  /** Only the fields that changed, as they were. */
  before: Record<string, unknown>;
  /** The same fields, as they are now. */
  after: Record<string, unknown>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The audit events of one change to an application: a new owning group is a transfer (its own
 * event, since governance asks "who transferred this app"), every other changed field goes into
 * one update. Nothing changed, no event.
 */
export function applicationChanges(before: ApplicationAuditFields, after: ApplicationAuditFields): ApplicationChange[] {
  const changes: ApplicationChange[] = [];
  if (before.group !== after.group) {
    changes.push({ action: 'APPLICATION_TRANSFERRED', before: { group: before.group }, after: { group: after.group } });
  }
  const changed = (Object.keys(after) as (keyof ApplicationAuditFields)[]).filter((key) => key !== 'group' && !same(before[key], after[key]));
  if (changed.length > 0) {
    changes.push({
      action: 'APPLICATION_UPDATED',
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    });
  }
  return changes;
}
