import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { ENVIRONMENTS } from '../../calendar/environment';
import { parseInventoryCsv } from './parse-inventory-csv';
import { parseInventoryJson } from './parse-inventory-json';

interface Deployment {
  environment: string;
  runtime: string;
  commit: string;
  deployedAt: string;
}
interface Application {
  slug: string;
  name: string;
  department: string;
  group: string;
  contacts: string[];
  description: string | null;
  deployments: Deployment[];
}

const slug = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
// eslint-disable-next-line no-control-regex -- control characters are what the generator leaves out
const text = fc.string({ minLength: 1, maxLength: 20 }).filter((value) => /^\S(?:.*\S)?$/.test(value) && !/[\u0000-\u001F\u007F]/.test(value));
const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,6}[a-z0-9]$/), fc.constantFrom('example.edu', 'lab.example.edu'))
  .map(([user, domain]) => `${user}@${domain}`)
  .filter((value) => !value.includes('..'));
const deployment = fc.record({
  environment: fc.constantFrom(...ENVIRONMENTS),
  runtime: fc.constantFrom('36.11.0', '37.22.0'),
  commit: fc.stringMatching(/^[0-9a-f]{7,12}$/),
  deployedAt: fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
});
const applications = fc.uniqueArray(
  fc.record({
    slug,
    name: text,
    department: text.map((value) => value.replace(/\s+/g, ' ')),
    group: slug,
    contacts: fc.uniqueArray(email, { maxLength: 3 }),
    description: fc.option(
      fc
        .string({ minLength: 1, maxLength: 40 })
        // eslint-disable-next-line no-control-regex -- as above
        .map((value) => value.replace(/[\u0000-\u001F\u007F]/g, 'x').trim())
        .filter((value) => value !== ''),
      { nil: null },
    ),
    deployments: fc.uniqueArray(deployment, { maxLength: 4, selector: (entry) => `${entry.environment}|${entry.deployedAt}` }),
  }),
  { minLength: 1, maxLength: 6, selector: (application) => application.slug },
);

/** RFC 4180 writing, quoting a cell when it must and sometimes when it need not. */
function cell(value: string, alwaysQuote: boolean): string {
  return alwaysQuote || /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(apps: Application[], newline: string, alwaysQuote: boolean): string {
  const header = 'application,name,department,group,contacts,description,environment,runtime,commit,deployed_at';
  const rows = apps.flatMap((app) => {
    const common = [app.slug, app.name, app.department, app.group, app.contacts.join(';'), app.description ?? ''];
    const deployments = app.deployments.length > 0 ? app.deployments.map((d) => [d.environment, d.runtime, d.commit, d.deployedAt]) : [['', '', '', '']];
    return deployments.map((cells) => [...common, ...cells].map((value) => cell(value, alwaysQuote)).join(','));
  });
  return [header, ...rows].join(newline) + newline;
}

const expectedPlan = (apps: Application[]) =>
  apps.map((app) => ({
    slug: app.slug,
    name: app.name,
    department: app.department,
    group: app.group,
    contacts: app.contacts,
    repositoryUrl: null,
    description: app.description?.replace(/\r\n?/g, '\n') ?? null,
    deployments: app.deployments.map((d) => ({ ...d })),
  }));

const withoutSources = (result: ReturnType<typeof parseInventoryCsv>) =>
  result.plan.applications.map(({ sources: _sources, deployments, ...app }) => ({
    ...app,
    deployments: deployments.map(({ sources: _deploymentSources, ...rest }) => rest),
  }));

describe('round trip', () => {
  it('reads back any valid inventory written as CSV, whatever the line endings and quoting', () => {
    fc.assert(
      fc.property(applications, fc.constantFrom('\n', '\r\n'), fc.boolean(), (apps, newline, alwaysQuote) => {
        const result = parseInventoryCsv(toCsv(apps, newline, alwaysQuote));
        expect(result.errors).toEqual([]);
        expect(withoutSources(result)).toEqual(expectedPlan(apps));
      }),
      { numRuns: 200 },
    );
  });

  it('reads back any valid inventory written as JSON', () => {
    fc.assert(
      fc.property(applications, (apps) => {
        const result = parseInventoryJson(JSON.stringify({ applications: apps }));
        expect(result.errors).toEqual([]);
        expect(withoutSources(result)).toEqual(expectedPlan(apps));
      }),
      { numRuns: 200 },
    );
  });
});
