import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { CSV_COLUMNS } from './inventory-csv-header';
import { APPLICATION_KEYS, DEPLOYMENT_KEYS, GROUP_KEYS, MEMBER_KEYS } from './inventory-json-entries';
import { parseInventoryCsv } from './parse-inventory-csv';
import { parseInventoryJson } from './parse-inventory-json';

// FORMAT.md is what admins read: its examples must import cleanly and its tables must match the code.
const format = readFileSync(join(__dirname, 'FORMAT.md'), 'utf8');
const example = (language: string) => new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(format)![1];

describe('FORMAT.md', () => {
  it('has a CSV example that imports without errors', () => {
    const { plan, errors } = parseInventoryCsv(example('csv'));
    expect(errors).toEqual([]);
    expect(plan.groups.map((group) => group.slug)).toEqual(['physics']);
    expect(plan.applications.map((application) => [application.slug, application.deployments.length])).toEqual([
      ['lab-tools', 2],
      ['beam-sim', 0],
    ]);
  });

  it('has a JSON example that imports without errors', () => {
    const { plan, errors } = parseInventoryJson(example('json'));
    expect(errors).toEqual([]);
    expect(plan.applications[0].deployments).toHaveLength(1);
  });

  it('documents every CSV column and every JSON key', () => {
    for (const column of CSV_COLUMNS) expect(format).toContain(`| \`${column}\` |`);
    for (const key of [...GROUP_KEYS, ...MEMBER_KEYS, ...APPLICATION_KEYS, ...DEPLOYMENT_KEYS]) expect(format).toContain(`"${key}"`);
  });
});
