import { describe, expect, it } from 'vitest';
import { applicationAuditFields } from './application-audit-fields';

describe('applicationAuditFields', () => {
  it('keeps the edited fields, names the group by slug and leaves out ids and timestamps', () => {
    const row = {
      id: 'a0e1c2d3-0000-4000-8000-000000000000',
      slug: 'grades',
      name: 'Grades',
      description: null,
      department: 'Registrar',
      owningGroupId: 'b0e1c2d3-0000-4000-8000-000000000000',
      contacts: ['ada@example.edu'],
      repositoryUrl: 'https://git.example.edu/grades',
      updatedAt: new Date(),
    };
    expect(applicationAuditFields(row, 'registrar-dev')).toEqual({
      slug: 'grades',
      name: 'Grades',
      description: null,
      department: 'Registrar',
      group: 'registrar-dev',
      contacts: ['ada@example.edu'],
      repositoryUrl: 'https://git.example.edu/grades',
    });
  });
});
