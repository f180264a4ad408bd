import { checkOptional, type Checked } from '../../common/input-rules/checked';
import type { CsvRecord } from './csv-records';
import { checkDeployedAt, type DeployedAtContext } from './deployed-at';
import { checkCommit } from '../../common/input-rules/commit';
import { checkEnvironment, checkRuntimeVersion } from './deployment-fields';
import { checkEmailListCell } from './email-list-cell';
import { FieldCollector } from './field-collector';
import { type CsvColumn, type CsvHeader, DEPLOYMENT_COLUMNS, GROUP_DEFINITION_COLUMNS } from './inventory-csv-header';
import { csvLocation } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';
import type { ApplicationDefinition, DeploymentDefinition, GroupDefinition, InventoryPlanBuilder } from './inventory-plan-builder';
import { checkApplicationName, checkDepartment, checkDescription, checkGroupName, MAX_CONTACTS } from '../../common/input-rules/field-rules';
import { checkRepositoryUrl } from '../../common/input-rules/repository-url';
import { checkSlug } from '../../common/input-rules/slug';

export interface CsvRowContext {
  header: CsvHeader;
  builder: InventoryPlanBuilder;
  errors: InventoryErrorList;
  dates: Omit<DeployedAtContext, 'label'>;
  /**
   * Definitions already validated, by their raw slug cell. A spreadsheet repeats an application's
   * cells on each of its deployment rows (and a group's on each of its applications' rows);
   * checking the same cells once keeps a 20 000-row import fast. Only valid definitions are kept,
   * so every bad row is still reported on its own.
   */
  validated: { applications: Map<string, Validated<ApplicationDefinition>>; groups: Map<string, Validated<GroupDefinition>> };
}

/** A valid definition with the raw cells it came from, found again by its slug cell. */
export interface Validated<T> {
  cells: string[];
  definition: T;
}

const APPLICATION_COLUMNS: readonly CsvColumn[] = ['application', 'name', 'department', 'group', 'contacts', 'repository_url', 'description'];
const GROUP_COLUMNS: readonly CsvColumn[] = ['group', ...GROUP_DEFINITION_COLUMNS];

const APPLICATION_DETAIL_COLUMNS: readonly CsvColumn[] = ['name', 'department', 'contacts', 'repository_url', 'description', ...DEPLOYMENT_COLUMNS];

class CsvRow {
  constructor(
    readonly record: CsvRecord,
    private readonly header: CsvHeader,
  ) {}

  /** The cell under `column`, or '' when the file has no such column. */
  cell(column: CsvColumn): string {
    const index = this.header.indexOf.get(column);
    return index === undefined ? '' : this.record.cells[index];
  }

  filled(column: CsvColumn): boolean {
    return this.cell(column).trim() !== '';
  }

  at(column: CsvColumn | null = null) {
    return csvLocation(this.record.row, column);
  }

  /** The checked value of `column`, or undefined once the failure is reported (its location built only then). */
  take<T>(fields: FieldCollector, column: CsvColumn, checked: Checked<T>): T | undefined {
    if (checked.ok) return checked.value;
    fields.fail(this.at(column), checked.message);
    return undefined;
  }

  cells(columns: readonly CsvColumn[]): string[] {
    return columns.map((column) => this.cell(column));
  }

  /** The definition validated earlier from exactly these cells, if any. */
  sameAs<T>(earlier: Validated<T> | undefined, columns: readonly CsvColumn[]): T | undefined {
    if (earlier === undefined) return undefined;
    return columns.every((column, index) => this.cell(column) === earlier.cells[index]) ? earlier.definition : undefined;
  }
}

function referenceMembers(row: CsvRow, group: Pick<GroupDefinition, 'owners' | 'members'>, context: CsvRowContext): void {
  group.owners.forEach((email) => context.builder.referenceUser(email, row.at('group_owners')));
  group.members.forEach((email) => context.builder.referenceUser(email, row.at('group_members')));
}

function readGroupDefinition(row: CsvRow, groupSlug: string | undefined, context: CsvRowContext): void {
  const known = row.sameAs(context.validated.groups.get(row.cell('group')), GROUP_COLUMNS);
  if (known !== undefined) {
    referenceMembers(row, known, context);
    context.builder.defineGroup(known, row.at());
    return;
  }
  const fields = new FieldCollector(context.errors);
  const name = row.take(fields, 'group_name', checkGroupName(row.cell('group_name'), 'group_name'));
  const owners = row.take(fields, 'group_owners', checkEmailListCell(row.cell('group_owners'), 'group_owners'));
  const members = row.take(fields, 'group_members', checkEmailListCell(row.cell('group_members'), 'group_members'));
  if (owners && members) {
    const ownerSet = new Set(owners);
    const both = members.filter((email) => ownerSet.has(email));
    if (both.length > 0) {
      fields.fail(
        row.at('group_members'),
        `${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} listed in both group_owners and group_members; list each person once`,
      );
    }
  }
  referenceMembers(row, { owners: owners ?? [], members: members ?? [] }, context);
  if (fields.ok && groupSlug !== undefined) {
    const group: GroupDefinition = { slug: groupSlug, name: name!, owners: owners!, members: members! };
    context.validated.groups.set(row.cell('group'), { cells: row.cells(GROUP_COLUMNS), definition: group });
    context.builder.defineGroup(group, row.at());
  }
}

function readApplication(row: CsvRow, groupSlug: string | undefined, context: CsvRowContext): string | null {
  const known = row.sameAs(context.validated.applications.get(row.cell('application')), APPLICATION_COLUMNS);
  if (known !== undefined) {
    context.builder.addApplication(known, row.at());
    return known.slug;
  }
  const fields = new FieldCollector(context.errors);
  const slug = row.take(fields, 'application', checkSlug(row.cell('application'), 'application'));
  const application = {
    slug,
    name: row.take(fields, 'name', checkApplicationName(row.cell('name'), 'name')),
    department: row.take(fields, 'department', checkDepartment(row.cell('department'), 'department')),
    group: groupSlug,
    contacts: row.take(fields, 'contacts', checkEmailListCell(row.cell('contacts'), 'contacts', MAX_CONTACTS)),
    repositoryUrl: row.take(
      fields,
      'repository_url',
      checkOptional(row.cell('repository_url'), (text) => checkRepositoryUrl(text, 'repository_url')),
    ),
    description: row.take(
      fields,
      'description',
      checkOptional(row.cell('description'), (text) => checkDescription(text, 'description')),
    ),
  };
  if (fields.ok && groupSlug !== undefined) {
    // Every field is defined once all checks passed (an invalid group was reported by the caller).
    const valid = application as ApplicationDefinition;
    context.validated.applications.set(row.cell('application'), { cells: row.cells(APPLICATION_COLUMNS), definition: valid });
    context.builder.addApplication(valid, row.at());
  }
  return slug ?? null;
}

function readDeployment(row: CsvRow, applicationSlug: string | null, context: CsvRowContext): void {
  const filled = DEPLOYMENT_COLUMNS.filter((column) => row.filled(column));
  if (filled.length === 0) return; // a row describing only the application
  const fields = new FieldCollector(context.errors);
  const required = (column: CsvColumn) => {
    if (row.filled(column)) return true;
    fields.fail(
      row.at(column),
      `${column} is required: this row records a deployment (it has ${filled.join(', ')}); fill in all of ${DEPLOYMENT_COLUMNS.join(', ')} or none`,
    );
    return false;
  };
  const deployment = {
    environment: required('environment') ? row.take(fields, 'environment', checkEnvironment(row.cell('environment'), 'environment')) : undefined,
    runtime: required('runtime') ? row.take(fields, 'runtime', checkRuntimeVersion(row.cell('runtime'), 'runtime')) : undefined,
    commit: required('commit') ? row.take(fields, 'commit', checkCommit(row.cell('commit'), 'commit')) : undefined,
    deployedAt: required('deployed_at')
      ? row.take(fields, 'deployed_at', checkDeployedAt(row.cell('deployed_at'), { ...context.dates, label: 'deployed_at' }))
      : undefined,
  };
  if (deployment.runtime !== undefined) context.builder.referenceRuntime(deployment.runtime, row.at('runtime'));
  if (fields.ok && applicationSlug !== null) context.builder.addDeployment(applicationSlug, deployment as DeploymentDefinition, row.at());
}

function describeRaggedRow(record: CsvRecord, width: number): string {
  const count = record.cells.length;
  const hint =
    count > width
      ? 'a cell probably contains a comma: put such cells in double quotes'
      : 'a cell probably contains a line break or the row was cut short: put such cells in double quotes';
  return `row ${record.row} has ${count} cells but the header has ${width} columns; ${hint}`;
}

/**
 * One data row. A row with an application describes it (and optionally one deployment); a row
 * with the application cell empty only defines the group named in `group` through the group
 * columns. Group columns filled on an application row define that row's owning group as well.
 */
export function readInventoryCsvRow(record: CsvRecord, context: CsvRowContext): void {
  const { header, errors } = context;
  if (record.cells.length !== header.width) {
    errors.add(csvLocation(record.row), describeRaggedRow(record, header.width));
    return;
  }
  const row = new CsvRow(record, header);
  const groupOnly = !row.filled('application');
  const definesGroup = GROUP_DEFINITION_COLUMNS.some((column) => row.filled(column));
  if (groupOnly) {
    const stray = APPLICATION_DETAIL_COLUMNS.filter((column) => row.filled(column));
    if (!definesGroup || stray.length > 0) {
      const why = definesGroup ? ` (the row fills in ${stray.join(', ')})` : '';
      errors.add(row.at('application'), `application is required${why}; leave it empty only on rows that just define a group with group_name`);
      return;
    }
  }
  const group = checkSlug(row.cell('group'), 'group');
  if (!group.ok) errors.add(row.at('group'), group.message);
  const groupSlug = group.ok ? group.value : undefined;
  if (definesGroup) readGroupDefinition(row, groupSlug, context);
  if (groupOnly) return;
  if (groupSlug !== undefined) context.builder.referenceGroup(groupSlug, row.at('group'));
  const applicationSlug = readApplication(row, groupSlug, context);
  readDeployment(row, applicationSlug, context);
}
