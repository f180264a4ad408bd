import { describe, it, expect } from 'vitest';
import { parseInventoryCsv } from './parse-inventory-csv';
import { parseInventoryJson } from './parse-inventory-json';

const APPLICATIONS = 5_000;
const ENVIRONMENTS = ['TEST', 'QUAL', 'BETA', 'PROD'];

function application(index: number) {
  return {
    slug: `app-${index}`,
    name: `Application ${index}`,
    department: `Department ${index % 40}`,
    group: `group-${index % 300}`,
    contacts: [`owner${index}@example.edu`, `team${index % 50}@example.edu`],
    repositoryUrl: `git@github.example.edu:org/app-${index}.git`,
    description: `Application number ${index}, with "quotes", commas and\na second line`,
  };
}

function deployments(index: number) {
  return ENVIRONMENTS.map((environment, step) => ({
    environment,
    runtime: step % 2 === 0 ? '37.22.0' : '36.11.0',
    commit: (index * 4 + step).toString(16).padStart(10, '0'),
    deployedAt: step === 3 ? '2024-03-01' : `2024-0${step + 1}-15T10:00:00-06:00`,
  }));
}

function quote(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function largeCsv(applications = APPLICATIONS): string {
  const lines = ['application,name,department,group,contacts,repository_url,description,environment,runtime,commit,deployed_at'];
  for (let index = 0; index < applications; index += 1) {
    const app = application(index);
    const common = [app.slug, app.name, app.department, app.group, app.contacts.join(';'), app.repositoryUrl, app.description].map(quote).join(',');
    for (const d of deployments(index)) lines.push(`${common},${d.environment},${d.runtime},${d.commit},${d.deployedAt}`);
  }
  return lines.join('\r\n');
}

function largeJson(applications = APPLICATIONS): string {
  return JSON.stringify({ applications: Array.from({ length: applications }, (_, index) => ({ ...application(index), deployments: deployments(index) })) });
}

// Speed is measured by benchmarks, not asserted here; this checks the parsers at full scale.
describe('5 000 applications × 4 deployments', () => {
  it('parses the CSV completely', () => {
    const text = largeCsv();
    const result = parseInventoryCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.plan.applications).toHaveLength(APPLICATIONS);
    expect(result.plan.applications.reduce((count, app) => count + app.deployments.length, 0)).toBe(APPLICATIONS * 4);
  });

  it('parses the JSON completely', () => {
    const text = largeJson();
    const result = parseInventoryJson(text);
    expect(result.errors).toEqual([]);
    expect(result.plan.applications).toHaveLength(APPLICATIONS);
  });
});
