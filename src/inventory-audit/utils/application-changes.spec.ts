import { describe, expect, it } from 'vitest';
import type { ApplicationAuditFields } from './application-audit-fields';
import { applicationChanges } from './application-changes';

const GRADES: ApplicationAuditFields = {
  slug: 'grades',
  name: 'Grades',
  description: null,
  department: 'Registrar',
  group: 'team-a',
  contacts: ['ada@example.edu'],
  repositoryUrl: null,
};

describe('applicationChanges', () => {
  it('is empty when nothing changed', () => {
    expect(applicationChanges(GRADES, { ...GRADES, contacts: ['ada@example.edu'] })).toEqual([]);
  });

  it('keeps only the changed fields, before and after', () => {
    expect(applicationChanges(GRADES, { ...GRADES, name: 'Grade Book', description: 'Marks' })).toEqual([
      { action: 'APPLICATION_UPDATED', before: { name: 'Grades', description: null }, after: { name: 'Grade Book', description: 'Marks' } },
    ]);
  });

  it('compares contact lists by value', () => {
    expect(applicationChanges(GRADES, { ...GRADES, contacts: ['ada@example.edu', 'bob@example.edu'] })).toEqual([
      { action: 'APPLICATION_UPDATED', before: { contacts: ['ada@example.edu'] }, after: { contacts: ['ada@example.edu', 'bob@example.edu'] } },
    ]);
  });

  it('makes a new owning group a transfer of its own, next to the other changes', () => {
    expect(applicationChanges(GRADES, { ...GRADES, group: 'team-b' })).toEqual([
      { action: 'APPLICATION_TRANSFERRED', before: { group: 'team-a' }, after: { group: 'team-b' } },
    ]);
    expect(applicationChanges(GRADES, { ...GRADES, group: 'team-b', department: 'Library' }).map((change) => change.action)).toEqual([
      'APPLICATION_TRANSFERRED',
      'APPLICATION_UPDATED',
    ]);
  });
});
