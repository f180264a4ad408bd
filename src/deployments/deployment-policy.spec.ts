import { describe, expect, it } from 'vitest';
import { checkDeployment, type DeploymentFacts } from './deployment-policy';

const FACTS: DeploymentFacts = {
  version: '37.21.0',
  endOfSupport: '2019-11-30',
  statusOnDeploymentDay: 'SUPPORTED',
  migrationTarget: '37.22.0',
  environment: 'PROD',
  deployedAt: new Date('2019-06-01T15:00:00Z'),
  rolloutReachesEnvironmentAt: new Date('2018-09-27T12:00:00Z'),
};

describe('checkDeployment', () => {
  it('allows a supported release in an environment the rollout reached', () => {
    expect(checkDeployment(FACTS)).toEqual([]);
    expect(checkDeployment({ ...FACTS, statusOnDeploymentDay: 'DEPRECATED' })).toEqual([]);
  });

  it('refuses a release at end of life, naming the migration target', () => {
    const [refusal] = checkDeployment({ ...FACTS, statusOnDeploymentDay: 'END_OF_LIFE' });
    expect(refusal.code).toBe('RELEASE_END_OF_LIFE');
    expect(refusal.message).toContain('2019-11-30');
    expect(refusal.message).toContain('37.22.0');
  });

  it('refuses an environment the rollout has not reached, or cannot date', () => {
    expect(checkDeployment({ ...FACTS, rolloutReachesEnvironmentAt: new Date('2019-06-27T12:00:00Z') }).map((r) => r.code)).toEqual([
      'ENVIRONMENT_NOT_REACHED',
    ]);
    expect(checkDeployment({ ...FACTS, rolloutReachesEnvironmentAt: null })[0].code).toBe('ENVIRONMENT_NOT_REACHED');
    // The very moment the window starts counts as reached.
    expect(checkDeployment({ ...FACTS, rolloutReachesEnvironmentAt: FACTS.deployedAt })).toEqual([]);
  });
});
