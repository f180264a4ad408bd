import type { Environment } from '../../calendar/environment';
import type { GroupRole } from '../../groups/group-role';
import type { InventoryError, InventoryLocation } from './inventory-error';

export type { GroupRole };

export interface PlannedGroupMember {
  /** Lower-case. */
  email: string;
  role: GroupRole;
}

export interface PlannedGroup {
  slug: string;
  name: string;
  /** Owners first, then members, each in file order; an e-mail appears once. */
  members: PlannedGroupMember[];
  /** Every row / JSON entry that defines this group. */
  sources: InventoryLocation[];
}

export interface PlannedDeployment {
  environment: Environment;
  /** Runtime release version `x.y.z`. */
  runtime: string;
  /** Lower-case hex, 7–64 characters. */
  commit: string;
  /** UTC instant in `Date#toISOString` form, so equal instants compare equal as text. */
  deployedAt: string;
  /** Every row / JSON entry that gave this deployment (duplicates are merged, not repeated). */
  sources: InventoryLocation[];
}

export interface PlannedApplication {
  slug: string;
  name: string;
  department: string;
  /** Slug of the owning group. */
  group: string;
  /** Lower-case, without duplicates, in file order. */
  contacts: string[];
  repositoryUrl: string | null;
  description: string | null;
  /** In file order; the service decides which is current per environment. */
  deployments: PlannedDeployment[];
  /** Every row / JSON entry that defines this application. */
  sources: InventoryLocation[];
}

/** Things the file names that must already exist in the database, each with where it is named. */
export interface InventoryReferences {
  /** Owning groups the file uses but does not define. */
  groups: ReadonlyMap<string, readonly InventoryLocation[]>;
  /** Runtime versions deployments run; they must be published releases. */
  runtimes: ReadonlyMap<string, readonly InventoryLocation[]>;
  /** E-mails of group members; they must be users (contacts need not be). */
  users: ReadonlyMap<string, readonly InventoryLocation[]>;
}

/** What to write. Only meaningful when parsing returned no errors. */
export interface InventoryPlan {
  groups: PlannedGroup[];
  applications: PlannedApplication[];
  references: InventoryReferences;
}

export interface InventoryParseResult {
  plan: InventoryPlan;
  errors: InventoryError[];
}
