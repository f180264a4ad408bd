import type { InventoryLocation } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';
import type { InventoryPlan, PlannedApplication, PlannedDeployment, PlannedGroup } from './inventory-plan';
import { showValue } from '../../common/input-rules/show-value';

/** One application as one row or JSON entry describes it, already validated and normalised. */
export type ApplicationDefinition = Omit<PlannedApplication, 'deployments' | 'sources'>;

/** One deployment as one row or JSON entry describes it, already validated and normalised. */
export type DeploymentDefinition = Omit<PlannedDeployment, 'sources'>;

export interface GroupDefinition {
  slug: string;
  name: string;
  owners: string[];
  members: string[];
}

export type PlanField = Exclude<keyof ApplicationDefinition, 'slug'> | keyof DeploymentDefinition | 'groupName' | 'groupOwners' | 'groupMembers';

/** Where a field of the entry at `at` is: a CSV column on that row, or a JSON path under that entry. */
export type LocateField = (at: InventoryLocation, field: PlanField) => InventoryLocation;

interface Compared<T> {
  field: PlanField;
  label: string;
  key: (definition: T) => string;
  show: (definition: T) => string;
}

const showList = (items: string[]) => (items.length === 0 ? 'none' : showValue(items.join('; ')));
const showOptional = (text: string | null) => (text === null ? 'nothing' : showValue(text));
// Lists compare as sets: the same contacts in another order are the same contacts.
const setKey = (items: string[]) => [...items].sort().join('\n');

const APPLICATION_FIELDS: Compared<ApplicationDefinition>[] = [
  { field: 'name', label: 'name', key: (app) => app.name, show: (app) => showValue(app.name) },
  { field: 'department', label: 'department', key: (app) => app.department, show: (app) => showValue(app.department) },
  { field: 'group', label: 'owning group', key: (app) => app.group, show: (app) => showValue(app.group) },
  { field: 'contacts', label: 'contacts', key: (app) => setKey(app.contacts), show: (app) => showList(app.contacts) },
  { field: 'repositoryUrl', label: 'repository URL', key: (app) => app.repositoryUrl ?? '', show: (app) => showOptional(app.repositoryUrl) },
  { field: 'description', label: 'description', key: (app) => app.description ?? '', show: (app) => showOptional(app.description) },
];

const GROUP_FIELDS: Compared<GroupDefinition>[] = [
  { field: 'groupName', label: 'name', key: (group) => group.name, show: (group) => showValue(group.name) },
  { field: 'groupOwners', label: 'owners', key: (group) => setKey(group.owners), show: (group) => showList(group.owners) },
  { field: 'groupMembers', label: 'members', key: (group) => setKey(group.members), show: (group) => showList(group.members) },
];

interface Defined<T> {
  definition: T;
  sources: InventoryLocation[];
}

interface ApplicationDeployments {
  /** Keyed by everything that makes a deployment: a rerun of the same file finds the same keys. */
  byIdentity: Map<string, PlannedDeployment>;
  /** Keyed by environment and instant: one environment runs one thing at a time. */
  byInstant: Map<string, PlannedDeployment>;
}

function where(at: InventoryLocation): string {
  if (at.row !== null) return `on row ${at.row}`;
  return at.path === null ? 'elsewhere in the file' : `at ${at.path}`;
}

function addReference(references: Map<string, InventoryLocation[]>, value: string, at: InventoryLocation): void {
  const locations = references.get(value);
  if (locations) locations.push(at);
  else references.set(value, [at]);
}

/**
 * Merges validated entries from either file format into one plan. An entity described more than
 * once (several CSV rows of one application, a repeated JSON entry) must be described the same
 * way each time; repeated deployments collapse into one, which is what makes a rerun idempotent.
 */
export class InventoryPlanBuilder {
  private readonly groups = new Map<string, Defined<GroupDefinition>>();
  private readonly applications = new Map<string, Defined<ApplicationDefinition>>();
  private readonly deployments = new Map<string, ApplicationDeployments>();
  private readonly groupReferences = new Map<string, InventoryLocation[]>();
  private readonly runtimeReferences = new Map<string, InventoryLocation[]>();
  private readonly userReferences = new Map<string, InventoryLocation[]>();

  constructor(
    private readonly errors: InventoryErrorList,
    private readonly locate: LocateField,
  ) {}

  defineGroup(group: GroupDefinition, at: InventoryLocation): void {
    this.define(this.groups, group.slug, group, at, GROUP_FIELDS, `group ${showValue(group.slug)}`, 'every definition of a group must agree');
  }

  addApplication(application: ApplicationDefinition, at: InventoryLocation): void {
    this.define(
      this.applications,
      application.slug,
      application,
      at,
      APPLICATION_FIELDS,
      `application ${showValue(application.slug)}`,
      'every row or entry of one application must agree',
    );
  }

  addDeployment(applicationSlug: string, deployment: DeploymentDefinition, at: InventoryLocation): void {
    let known = this.deployments.get(applicationSlug);
    if (!known) {
      known = { byIdentity: new Map(), byInstant: new Map() };
      this.deployments.set(applicationSlug, known);
    }
    const { environment, runtime, commit, deployedAt } = deployment;
    const identity = `${environment}|${runtime}|${commit}|${deployedAt}`;
    const repeated = known.byIdentity.get(identity);
    if (repeated) {
      repeated.sources.push(at);
      return;
    }
    const instant = `${environment}|${deployedAt}`;
    const clash = known.byInstant.get(instant);
    if (clash) {
      this.errors.add(
        this.locate(at, 'deployedAt'),
        `application ${showValue(applicationSlug)} already has a different deployment to ${environment} at ${deployedAt} ${where(clash.sources[0])} ` +
          `(runtime ${clash.runtime}, commit ${clash.commit}); one environment cannot receive two deployments at the same instant`,
      );
      return;
    }
    const planned: PlannedDeployment = { environment, runtime, commit, deployedAt, sources: [at] };
    known.byIdentity.set(identity, planned);
    known.byInstant.set(instant, planned);
  }

  /*
   * References are recorded as soon as the field itself is valid, even when the rest of its row
   * is not, so that the database check reports an unknown runtime in the same round as a typo
   * elsewhere on the row instead of after the admin fixed the typo.
   */

  referenceGroup(slug: string, at: InventoryLocation): void {
    addReference(this.groupReferences, slug, at);
  }

  referenceRuntime(version: string, at: InventoryLocation): void {
    addReference(this.runtimeReferences, version, at);
  }

  referenceUser(email: string, at: InventoryLocation): void {
    addReference(this.userReferences, email, at);
  }

  build(): InventoryPlan {
    const groups: PlannedGroup[] = [...this.groups.values()].map(({ definition, sources }) => ({
      slug: definition.slug,
      name: definition.name,
      members: [
        ...definition.owners.map((email) => ({ email, role: 'OWNER' as const })),
        ...definition.members.map((email) => ({ email, role: 'MEMBER' as const })),
      ],
      sources,
    }));
    const applications: PlannedApplication[] = [...this.applications.values()].map(({ definition, sources }) => ({
      ...definition,
      deployments: [...(this.deployments.get(definition.slug)?.byIdentity.values() ?? [])],
      sources,
    }));
    const undefinedGroups = new Map([...this.groupReferences].filter(([slug]) => !this.groups.has(slug)));
    return {
      groups,
      applications,
      references: { groups: undefinedGroups, runtimes: new Map(this.runtimeReferences), users: new Map(this.userReferences) },
    };
  }

  private define<T>(
    registry: Map<string, Defined<T>>,
    slug: string,
    definition: T,
    at: InventoryLocation,
    fields: Compared<T>[],
    subject: string,
    rule: string,
  ): void {
    const first = registry.get(slug);
    if (!first) {
      registry.set(slug, { definition, sources: [at] });
      return;
    }
    first.sources.push(at);
    if (definition === first.definition) return; // the same validated cells again
    for (const { field, label, key, show } of fields) {
      if (key(definition) === key(first.definition)) continue;
      this.errors.add(
        this.locate(at, field),
        `${subject} has ${label} ${show(definition)} here but ${show(first.definition)} ${where(first.sources[0])}; ${rule}`,
      );
    }
  }
}
