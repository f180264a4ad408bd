import { describe, it, expect } from 'vitest';
import { closestName } from './closest-name';

const NAMES = ['environment', 'runtime', 'commit', 'deployed_at', 'deployedAt'];

describe('closestName', () => {
  it('finds the name a typo meant, ignoring case', () => {
    expect(closestName('enviroment', NAMES)).toBe('environment');
    expect(closestName('DeployedAT', NAMES)).toBe('deployedAt');
    expect(closestName('comit', NAMES)).toBe('commit');
  });

  it('answers null when nothing is close or the input is too long to be a typo', () => {
    expect(closestName('owner', NAMES)).toBeNull();
    expect(closestName('', NAMES)).toBeNull();
    expect(closestName('x'.repeat(1000), NAMES)).toBeNull();
  });
});
