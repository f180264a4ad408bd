import { describe, it, expect } from 'vitest';
import { jsonLocation } from './inventory-error';
import { parseInventoryJson } from './parse-inventory-json';

const deployment = { environment: 'prod', runtime: '37.22.0', commit: 'ABCDEF1', deployedAt: '2024-03-01T12:00:00Z' };
const application = {
  slug: 'lab-tools',
  name: 'Lab Tools',
  department: 'Physics',
  group: 'physics',
  contacts: ['Ada@Example.edu', 'ada@example.edu', 'bob@example.edu'],
  repositoryUrl: 'https://github.example.edu/physics/lab-tools',
  description: 'Tools for the lab',
  deployments: [deployment],
};
const group = {
  slug: 'physics',
  name: 'Physics',
  members: [
    { email: 'ada@example.edu', role: 'owner' },
    { email: 'bob@example.edu', role: 'MEMBER' },
  ],
};
const parse = (document: unknown) => parseInventoryJson(JSON.stringify(document));
const errorsOf = (document: unknown) => parse(document).errors;

describe('parseInventoryJson: a valid document', () => {
  it('plans groups and applications with their deployments, normalising every value', () => {
    const { plan, errors } = parse({ groups: [group], applications: [application] });
    expect(errors).toEqual([]);
    expect(plan.groups).toEqual([
      {
        slug: 'physics',
        name: 'Physics',
        members: [
          { email: 'ada@example.edu', role: 'OWNER' },
          { email: 'bob@example.edu', role: 'MEMBER' },
        ],
        sources: [jsonLocation('groups[0]')],
      },
    ]);
    expect(plan.applications).toEqual([
      {
        ...application,
        contacts: ['ada@example.edu', 'bob@example.edu'],
        deployments: [
          {
            environment: 'PROD',
            runtime: '37.22.0',
            commit: 'abcdef1',
            deployedAt: '2024-03-01T12:00:00.000Z',
            sources: [jsonLocation('applications[0].deployments[0]')],
          },
        ],
        sources: [jsonLocation('applications[0]')],
      },
    ]);
    expect(plan.references.groups.size).toBe(0);
    expect([...plan.references.runtimes]).toEqual([['37.22.0', [jsonLocation('applications[0].deployments[0].runtime')]]]);
    expect([...plan.references.users]).toEqual([
      ['ada@example.edu', [jsonLocation('groups[0].members[0].email')]],
      ['bob@example.edu', [jsonLocation('groups[0].members[1].email')]],
    ]);
  });

  it('treats missing, null and empty optional fields as absent', () => {
    const { plan, errors } = parse({
      applications: [{ slug: 'a', name: 'A', department: 'D', group: 'g', repositoryUrl: null, description: '  ', contacts: null }],
    });
    expect(errors).toEqual([]);
    expect(plan.applications[0]).toMatchObject({ contacts: [], repositoryUrl: null, description: null, deployments: [] });
    expect([...plan.references.groups]).toEqual([['g', [jsonLocation('applications[0].group')]]]);
  });

  it('merges a repeated application and a repeated deployment, so a rerun changes nothing', () => {
    const { plan, errors } = parse({ applications: [application, { ...application, deployments: [deployment, { ...deployment, commit: 'abcdef1' }] }] });
    expect(errors).toEqual([]);
    expect(plan.applications).toHaveLength(1);
    expect(plan.applications[0].deployments).toEqual([
      expect.objectContaining({
        sources: [
          jsonLocation('applications[0].deployments[0]'),
          jsonLocation('applications[1].deployments[0]'),
          jsonLocation('applications[1].deployments[1]'),
        ],
      }),
    ]);
  });

  it('accepts a byte-order mark', () => {
    expect(parseInventoryJson(`\uFEFF${JSON.stringify({ groups: [group] })}`).errors).toEqual([]);
  });
});

describe('parseInventoryJson: errors name the JSON path', () => {
  it('names the path of each bad field', () => {
    const errors = errorsOf({
      applications: [application, { ...application, slug: 'beam', deployments: [deployment, { ...deployment, environment: 'staging', commit: 'xyz' }] }],
    });
    expect(errors.map((error) => error.path)).toEqual(['applications[1].deployments[1].environment', 'applications[1].deployments[1].commit']);
    expect(errors.every((error) => error.row === null && error.column === null)).toBe(true);
    expect(errors[0].message).toBe('environment must be one of TEST, QUAL, BETA, PROD; got "staging"');
  });

  it('refuses unknown keys at every level, suggesting the likely meant one', () => {
    const errors = errorsOf({
      group: [],
      applications: [{ ...application, repositoryURL: 'x', deployments: [{ ...deployment, deployed_at: 'x' }] }],
      groups: [{ ...group, members: [{ email: 'a@example.edu', role: 'OWNER', name: 'Ada' }] }],
    });
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['group', 'unknown key "group" (did you mean "groups"?); an inventory has the keys groups, applications'],
      ['groups[0].members[0].name', 'unknown key "name"; a member has the keys email, role'],
      [
        'applications[0].repositoryURL',
        'unknown key "repositoryURL" (did you mean "repositoryUrl"?); an application has the keys slug, name, department, group, contacts, repositoryUrl, description, deployments',
      ],
      [
        'applications[0].deployments[0].deployed_at',
        'unknown key "deployed_at" (did you mean "deployedAt"?); a deployment has the keys environment, runtime, commit, deployedAt',
      ],
    ]);
  });

  it('brackets keys that are not identifiers and does not confuse keys with Object.prototype', () => {
    const errors = parseInventoryJson(
      '{"applications": [{"slug": "a", "name": "A", "department": "D", "group": "g", "my key": 1, "__proto__": {}, "constructor": 1}]}',
    ).errors;
    expect(errors.map((error) => error.path)).toEqual(['applications[0]["my key"]', 'applications[0].__proto__', 'applications[0].constructor']);
  });

  it('names wrong types', () => {
    const errors = errorsOf({ applications: [{ ...application, slug: 42, contacts: 'ada@example.edu', deployments: {} }], groups: 'physics' });
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['groups', 'groups must be a list in square brackets; got a string'],
      ['applications[0].slug', 'slug must be a string in double quotes; got a number'],
      ['applications[0].contacts', 'contacts must be a list in square brackets; got a string'],
      ['applications[0].deployments', 'deployments must be a list in square brackets; got an object'],
    ]);
    expect(errorsOf([application])[0]).toEqual({
      row: null,
      path: null,
      column: null,
      message: 'the file must be an inventory (an object in braces); got a list',
    });
    expect(errorsOf({ applications: ['lab-tools'] })[0]).toMatchObject({
      path: 'applications[0]',
      message: 'applications[0] must be an application (an object in braces); got a string',
    });
  });

  it('enforces the length limits of names and descriptions and the number of contacts', () => {
    const contacts = Array.from({ length: 51 }, (_, index) => `person${index}@example.edu`);
    const errors = errorsOf({ applications: [{ ...application, name: 'n'.repeat(201), description: 'd'.repeat(2001), contacts }] });
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['applications[0].name', 'name is 201 characters long; at most 200 are allowed'],
      ['applications[0].contacts', 'contacts lists 51 addresses; at most 50 are allowed'],
      ['applications[0].description', 'description is 2001 characters long; at most 2000 are allowed'],
    ]);
    expect(errorsOf({ groups: [{ ...group, name: 'g'.repeat(201) }] })[0]).toMatchObject({ path: 'groups[0].name' });
  });

  it('names each bad contact by its index', () => {
    const errors = errorsOf({ applications: [{ ...application, contacts: ['ada@example.edu', 'nope', 7] }] });
    expect(errors.map((error) => error.path)).toEqual(['applications[0].contacts[1]', 'applications[0].contacts[2]']);
    expect(errors[1].message).toBe('contacts[2] must be an e-mail address in double quotes');
  });

  it('requires the required fields', () => {
    const errors = errorsOf({ applications: [{ slug: 'a' }], groups: [{ slug: 'g', members: [{ email: 'a@example.edu' }] }] });
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['groups[0].name', 'name is required'],
      ['groups[0].members[0].role', 'role is required'],
      ['applications[0].name', 'name is required'],
      ['applications[0].department', 'department is required'],
      ['applications[0].group', 'group is required'],
    ]);
  });

  it('refuses one person with two roles in a group, and merges a repeat with the same role', () => {
    const members = [
      { email: 'ada@example.edu', role: 'OWNER' },
      { email: 'ADA@example.edu', role: 'owner' },
      { email: 'ada@example.edu', role: 'MEMBER' },
    ];
    expect(errorsOf({ groups: [{ ...group, members }] })).toEqual([
      {
        row: null,
        path: 'groups[0].members[2].role',
        column: null,
        message: 'ada@example.edu is already listed as OWNER at groups[0].members[0]; list each person once, with one role',
      },
    ]);
    expect(parse({ groups: [{ ...group, members: members.slice(0, 2) }] }).plan.groups[0].members).toEqual([{ email: 'ada@example.edu', role: 'OWNER' }]);
  });

  it('names both entries when descriptions of one application or group disagree', () => {
    expect(errorsOf({ applications: [application, { ...application, name: 'Other' }] })).toEqual([
      {
        row: null,
        path: 'applications[1].name',
        column: null,
        message: 'application "lab-tools" has name "Other" here but "Lab Tools" at applications[0]; every row or entry of one application must agree',
      },
    ]);
    expect(errorsOf({ groups: [group, { ...group, members: [] }] }).map((error) => error.path)).toEqual(['groups[1].members', 'groups[1].members']);
  });

  it('refuses two different deployments to one environment at one instant', () => {
    const errors = errorsOf({ applications: [{ ...application, deployments: [deployment, { ...deployment, runtime: '36.11.0' }] }] });
    expect(errors).toEqual([
      expect.objectContaining({ path: 'applications[0].deployments[1].deployedAt', message: expect.stringContaining('at applications[0].deployments[0]') }),
    ]);
  });
});

describe('parseInventoryJson: file errors', () => {
  it('names the line and column of a syntax error', () => {
    expect(parseInventoryJson('{\n  "groups": [\n    {"slug": "a",}\n  ]\n}').errors).toEqual([
      { row: null, path: null, column: null, message: 'the file is not valid JSON: expected a key in double quotes, found "}" at line 3, column 18' },
    ]);
  });

  it('refuses an empty file and a document with nothing to import', () => {
    expect(parseInventoryJson(' \n').errors[0].message).toMatch(/^the file is empty; expected an object such as/);
    expect(parseInventoryJson('{"groups": [], "applications": []}').errors[0].message).toMatch(/^the file has no groups and no applications/);
  });

  it('refuses a file over the size limit', () => {
    expect(parseInventoryJson(JSON.stringify({ groups: [group] }), { maxBytes: 20 }).errors[0].message).toMatch(/^the file is more than 20 bytes/);
  });

  it('counts groups, applications and deployments against the row limit', () => {
    const document = { groups: [group], applications: [application] }; // 1 + 1 + 1 records
    expect(parse(document).errors).toEqual([]);
    expect(parseInventoryJson(JSON.stringify(document), { maxRows: 3 }).errors).toEqual([]);
    expect(parseInventoryJson(JSON.stringify(document), { maxRows: 2 }).errors[0].message).toBe(
      'the file has more than 2 groups, applications and deployments together, the most one import accepts; split it',
    );
  });
});
