import { describe, expect, it } from 'vitest';
import { deploymentAuditFields } from './deployment-audit-fields';

describe('deploymentAuditFields', () => {
  it('keeps where, what and when, with the instant in ISO 8601', () => {
    expect(deploymentAuditFields({ environment: 'PROD', runtime: '37.22.0', commit: '9fceb02', deployedAt: new Date('2024-03-01T06:00:00Z') })).toEqual({
      environment: 'PROD',
      runtime: '37.22.0',
      commit: '9fceb02',
      deployedAt: '2024-03-01T06:00:00.000Z',
    });
  });
});
