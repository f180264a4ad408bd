import { describe, it, expect } from 'vitest';
import { csvLocation } from './inventory-error';
import { parseInventoryCsv } from './parse-inventory-csv';

const HEADER = 'application,name,department,group,contacts,repository_url,description,environment,runtime,commit,deployed_at';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const row = (overrides: Partial<Record<string, string>> = {}) => {
  const cells = {
    application: 'lab-tools',
    name: 'Lab Tools',
    department: 'Physics',
    group: 'physics',
    contacts: 'ada@example.edu',
    repository_url: '',
    description: '',
    environment: 'PROD',
    runtime: '37.22.0',
    commit: 'abcdef1',
    deployed_at: '2024-03-01T12:00:00Z',
    ...overrides,
  };
  return Object.values(cells).join(',');
};
const errorsOf = (text: string) => parseInventoryCsv(text).errors;

describe('parseInventoryCsv: a valid file', () => {
  it('plans an application with a deployment per row, normalising every value', () => {
    const text = [
      '\uFEFF' + HEADER,
      'lab-tools,Lab Tools, Physics ,physics,"Ada@Example.edu; bob@example.edu",git@github.example.edu:org/lab.git,"Tools for the ""lab"", in one place",prod,37.22.0,ABCDEF1,2024-03-01',
      'lab-tools,Lab Tools,Physics,physics,bob@example.edu;ada@example.edu,git@github.example.edu:org/lab.git,"Tools for the ""lab"", in one place",test,37.22.0,abcdef1,2024-02-01T09:00:00-06:00',
      '',
    ].join('\r\n');
    const { plan, errors } = parseInventoryCsv(text);
    expect(errors).toEqual([]);
    expect(plan.groups).toEqual([]);
    expect(plan.applications).toEqual([
      {
        slug: 'lab-tools',
        name: 'Lab Tools',
        department: 'Physics',
        group: 'physics',
        contacts: ['ada@example.edu', 'bob@example.edu'],
        repositoryUrl: 'git@github.example.edu:org/lab.git',
        description: 'Tools for the "lab", in one place',
        deployments: [
          { environment: 'PROD', runtime: '37.22.0', commit: 'abcdef1', deployedAt: '2024-03-01T06:00:00.000Z', sources: [csvLocation(2)] },
          { environment: 'TEST', runtime: '37.22.0', commit: 'abcdef1', deployedAt: '2024-02-01T15:00:00.000Z', sources: [csvLocation(3)] },
        ],
        sources: [csvLocation(2), csvLocation(3)],
      },
    ]);
    expect([...plan.references.groups]).toEqual([['physics', [csvLocation(2, 'group'), csvLocation(3, 'group')]]]);
    expect([...plan.references.runtimes]).toEqual([['37.22.0', [csvLocation(2, 'runtime'), csvLocation(3, 'runtime')]]]);
  });

  it('reads the same file twice into the same plan, with a repeated row merged, so a rerun changes nothing', () => {
    const text = csv(row(), row(), row({ environment: 'test' }));
    const first = parseInventoryCsv(text);
    expect(first.errors).toEqual([]);
    expect(first.plan.applications[0].deployments.map((deployment) => deployment.sources)).toEqual([[csvLocation(2), csvLocation(3)], [csvLocation(4)]]);
    expect(parseInventoryCsv(text)).toEqual(first);
  });

  it('accepts application rows without deployment cells and files without deployment columns', () => {
    expect(errorsOf(csv(row({ environment: '', runtime: '', commit: '', deployed_at: '' })))).toEqual([]);
    const { plan, errors } = parseInventoryCsv('application,name,department,group\nlab-tools,Lab Tools,Physics,physics\n');
    expect(errors).toEqual([]);
    expect(plan.applications[0]).toMatchObject({ contacts: [], repositoryUrl: null, description: null, deployments: [] });
  });

  it('reads a date-only deployed_at as midnight in the time zone it is given', () => {
    const { plan } = parseInventoryCsv(csv(row({ deployed_at: '2024-07-01' })), { timeZone: 'UTC' });
    expect(plan.applications[0].deployments[0].deployedAt).toBe('2024-07-01T00:00:00.000Z');
  });

  it('defines groups from the group columns, on application rows and on rows of their own', () => {
    const text = [
      'application,name,department,group,group_name,group_owners,group_members',
      ',,,chemistry,Chemistry,carl@example.edu,',
      'lab-tools,Lab Tools,Physics,physics,Physics Group,ada@example.edu,bob@example.edu;cy@example.edu',
      'beam-sim,Beam Sim,Physics,physics,Physics Group,ADA@example.edu,cy@example.edu;bob@example.edu',
      'old-app,Old App,Biology,biology,,,',
    ].join('\n');
    const { plan, errors } = parseInventoryCsv(text);
    expect(errors).toEqual([]);
    expect(plan.groups).toEqual([
      { slug: 'chemistry', name: 'Chemistry', members: [{ email: 'carl@example.edu', role: 'OWNER' }], sources: [csvLocation(2)] },
      {
        slug: 'physics',
        name: 'Physics Group',
        members: [
          { email: 'ada@example.edu', role: 'OWNER' },
          { email: 'bob@example.edu', role: 'MEMBER' },
          { email: 'cy@example.edu', role: 'MEMBER' },
        ],
        sources: [csvLocation(3), csvLocation(4)],
      },
    ]);
    expect(plan.applications.map((application) => application.slug)).toEqual(['lab-tools', 'beam-sim', 'old-app']);
    expect([...plan.references.groups.keys()]).toEqual(['biology']);
    expect(plan.references.users.get('bob@example.edu')).toEqual([csvLocation(3, 'group_members'), csvLocation(4, 'group_members')]);
    expect(plan.references.users.get('carl@example.edu')).toEqual([csvLocation(2, 'group_owners')]);
  });
});

describe('parseInventoryCsv: row errors', () => {
  it('names the spreadsheet row and the column, counting a cell with line breaks as one row', () => {
    const text = csv(row({ description: '"first line\nsecond line"' }), row({ application: 'Lab Tools', environment: 'live' }));
    expect(errorsOf(text).map(({ row: number, column }) => ({ number, column }))).toEqual([
      { number: 3, column: 'application' },
      { number: 3, column: 'environment' },
    ]);
  });

  it('reports every bad field of a row, each with its own message', () => {
    const errors = errorsOf(
      csv(
        row({
          name: '',
          department: 'x'.repeat(101),
          group: 'Physics Dept',
          contacts: '"ada@example.edu, bob@example.edu"',
          repository_url: 'ftp://x.example.edu/r',
          runtime: '37.22',
          commit: 'main',
          deployed_at: '2024-03-01 12:00',
        }),
      ),
    );
    expect(errors.map((error) => error.column)).toEqual(['group', 'name', 'department', 'contacts', 'repository_url', 'runtime', 'commit', 'deployed_at']);
    expect(errors.every((error) => error.row === 2 && error.path === null)).toBe(true);
    expect(errors[0].message).toContain('did you mean "physics-dept"?');
  });

  it('reports a ragged row with a hint and does not read its cells', () => {
    const errors = errorsOf(csv(row({ name: 'Lab, Tools' }), 'lab-tools,Lab Tools'));
    expect(errors).toEqual([
      {
        row: 2,
        path: null,
        column: null,
        message: 'row 2 has 12 cells but the header has 11 columns; a cell probably contains a comma: put such cells in double quotes',
      },
      {
        row: 3,
        path: null,
        column: null,
        message:
          'row 3 has 2 cells but the header has 11 columns; a cell probably contains a line break or the row was cut short: put such cells in double quotes',
      },
    ]);
  });

  it('names the row and column where an unterminated quote starts, and reads the rows before it', () => {
    const { plan, errors } = parseInventoryCsv(csv(row(), row({ application: 'beam', description: '"never closed' }), row({ application: 'x' })));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 3, column: 'description' });
    expect(errors[0].message).toMatch(/^a quoted cell in column 7 \(G\), description opens on line 3 but its closing double quote is missing/);
    expect(plan.applications.map((application) => application.slug)).toEqual(['lab-tools']);
  });

  it('keeps errors in row order, quoting problems included', () => {
    const errors = errorsOf(
      csv(row({ name: '' }), row({ application: 'b', name: '"B" x' }), row({ application: 'c', name: '' }), row({ application: 'd', name: '"open' })),
    );
    expect(errors.map((error) => error.row)).toEqual([2, 3, 4, 5]);
  });

  it('reports text after a closing quote and skips that row', () => {
    const errors = errorsOf(csv(row({ name: '"Lab" Tools' })));
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: 'name', message: expect.stringContaining('text after its closing double quote') })]);
  });

  it('requires all deployment cells once one is filled in', () => {
    const errors = errorsOf(csv(row({ runtime: '', deployed_at: '' })));
    expect(errors.map((error) => error.column)).toEqual(['runtime', 'deployed_at']);
    expect(errors[0].message).toBe(
      'runtime is required: this row records a deployment (it has environment, commit); fill in all of environment, runtime, commit, deployed_at or none',
    );
  });

  it('requires the application except on rows that only define a group', () => {
    const text = [
      'application,name,department,group,group_name,group_owners,group_members',
      ',Lab Tools,Physics,physics,,,',
      ',Lab Tools,Physics,physics,Physics,,',
      ',,,physics,Physics,,',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({ row: 2, column: 'application', message: expect.stringMatching(/^application is required; leave it empty only/) }),
      expect.objectContaining({ row: 3, column: 'application', message: expect.stringContaining('(the row fills in name, department)') }),
    ]);
  });

  it('refuses a person listed as both owner and member of a group', () => {
    const text = [
      'application,name,department,group,group_name,group_owners,group_members',
      ',,,physics,Physics,ada@example.edu,Ada@example.edu;bob@example.edu',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      {
        row: 2,
        path: null,
        column: 'group_members',
        message: 'ada@example.edu is listed in both group_owners and group_members; list each person once',
      },
    ]);
  });

  it('names both rows when the rows of one application disagree', () => {
    const errors = errorsOf(csv(row(), row({ department: 'Chemistry', environment: 'TEST' })));
    expect(errors).toEqual([
      {
        row: 3,
        path: null,
        column: 'department',
        message: 'application "lab-tools" has department "Chemistry" here but "Physics" on row 2; every row or entry of one application must agree',
      },
    ]);
  });

  it('names both rows when group definitions disagree', () => {
    const text = [
      'application,name,department,group,group_name,group_owners',
      'a,A,Physics,physics,Physics,ada@example.edu',
      'b,B,Physics,physics,Physics Dept,ada@example.edu',
    ].join('\n');
    expect(errorsOf(text)).toEqual([expect.objectContaining({ row: 3, column: 'group_name', message: expect.stringContaining('"Physics" on row 2') })]);
  });

  it('refuses two different deployments to one environment at one instant', () => {
    const errors = errorsOf(csv(row(), row({ commit: '1234567' })));
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'deployed_at', message: expect.stringContaining('on row 2') })]);
  });

  it('still records the references of rows with other errors, so one round reports everything', () => {
    const { plan } = parseInventoryCsv(csv(row({ name: '', runtime: '99.1.0' })));
    expect(plan.applications).toEqual([]);
    expect(plan.references.runtimes.get('99.1.0')).toEqual([csvLocation(2, 'runtime')]);
    expect(plan.references.groups.get('physics')).toEqual([csvLocation(2, 'group')]);
  });
});

describe('parseInventoryCsv: file errors', () => {
  it('refuses an empty file, naming the header it expects', () => {
    expect(errorsOf('')).toEqual([
      expect.objectContaining({ row: null, message: expect.stringMatching(/^the file is empty; expected a header row, expected columns: application/) }),
    ]);
  });

  it('refuses a header without data rows', () => {
    expect(errorsOf(`${HEADER}\n\n`)).toEqual([{ row: null, path: null, column: null, message: 'the file has a header but no data rows' }]);
  });

  it('refuses a file starting with an empty row', () => {
    expect(errorsOf(`\n${HEADER}\n${row()}`)[0].message).toMatch(/^row 1 must be the header row but it is empty/);
  });

  it('reports header errors and reads no rows', () => {
    const errors = errorsOf(`application,name,departmnet,group\n,,,\nBAD,,,`);
    expect(errors.map((error) => error.column)).toEqual(['departmnet', 'department']);
  });

  it('refuses a file over the size limit, measured in UTF-8 bytes', () => {
    const text = csv(row({ name: 'Lab Tools é' }));
    expect(parseInventoryCsv(text, { maxBytes: text.length + 1 }).errors).toEqual([]);
    expect(parseInventoryCsv(text, { maxBytes: text.length }).errors).toEqual([
      expect.objectContaining({ message: `the file is ${text.length + 1} bytes; the limit is ${text.length} bytes; split it into smaller files` }),
    ]);
    expect(parseInventoryCsv(text, { maxBytes: 100 }).errors[0].message).toMatch(/^the file is more than 100 bytes/);
  });

  it('refuses more data rows than allowed, without counting empty rows', () => {
    expect(parseInventoryCsv(csv(row(), '', row({ environment: 'TEST' })), { maxRows: 2 }).errors).toEqual([]);
    expect(parseInventoryCsv(csv(row(), row({ environment: 'TEST' }), row({ environment: 'QUAL' })), { maxRows: 2 }).errors).toEqual([
      {
        row: null,
        path: null,
        column: null,
        message: 'the file has more than 2 data rows, the most one import accepts; split it into smaller files',
      },
    ]);
  });

  it('lists at most maxErrors errors and counts the rest', () => {
    const rows = Array.from({ length: 10 }, (_, index) => row({ application: `App${index}` }));
    const errors = parseInventoryCsv(csv(...rows), { maxErrors: 3 }).errors;
    expect(errors).toHaveLength(4);
    expect(errors[3].message).toMatch(/^7 more errors not listed/);
  });

  it('refuses deployments in the future when told the time', () => {
    const errors = parseInventoryCsv(csv(row({ deployed_at: '2030-01-01' })), { now: new Date('2025-01-01T00:00:00Z') }).errors;
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: 'deployed_at', message: expect.stringContaining('in the future') })]);
  });
});
