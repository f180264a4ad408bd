import type { InventoryError, InventoryLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';
import { INVENTORY_DEFAULTS } from './inventory-options';
import type { InventoryPlan } from './inventory-plan';

/** What already exists, as the service reads it from the database. */
export interface KnownInventory {
  /** Group slugs. */
  groups: ReadonlySet<string>;
  /** Versions of published runtime releases (drafts do not count). */
  publishedRuntimes: ReadonlySet<string>;
  /** Lower-case e-mails of users. */
  users: ReadonlySet<string>;
}

const MAX_LISTED_RUNTIMES = 12;

function reportUnknown(
  references: ReadonlyMap<string, readonly InventoryLocation[]>,
  known: ReadonlySet<string>,
  describe: (value: string) => string,
  errors: InventoryErrorList,
): void {
  for (const [value, locations] of references) {
    if (known.has(value)) continue;
    const message = describe(value);
    for (const at of locations) errors.add(at, message);
  }
}

/**
 * The references in a plan that the database does not know, one error per place that makes
 * them, so each row (or JSON entry) that needs fixing is named. Groups defined in the file are
 * not references (the import creates them).
 */
export function checkReferences(plan: InventoryPlan, known: KnownInventory, maxErrors: number = INVENTORY_DEFAULTS.maxErrors): InventoryError[] {
  const errors = new InventoryErrorList(maxErrors);
  reportUnknown(
    plan.references.groups,
    known.groups,
    (slug) => `group ${JSON.stringify(slug)} does not exist and is not defined in this file; create it, fix the slug, or define it in the file`,
    errors,
  );
  const published = [...known.publishedRuntimes].sort();
  const listed = published.length > 0 && published.length <= MAX_LISTED_RUNTIMES ? ` (published: ${published.join(', ')})` : '';
  reportUnknown(plan.references.runtimes, known.publishedRuntimes, (version) => `runtime ${version} is not a published runtime release${listed}`, errors);
  reportUnknown(plan.references.users, known.users, (email) => `there is no user with the e-mail ${email}; create the user first or fix the address`, errors);
  return errors.toArray();
}
