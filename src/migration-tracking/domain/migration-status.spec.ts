import { describe, expect, it } from 'vitest';
import { blockersOf, deriveMigrationStatus, isTargetOrNewer, type MigrationFacts } from './migration-status';

const facts = (overrides: Partial<MigrationFacts> = {}): MigrationFacts => ({
  sourceVersion: '36.20.0',
  targetVersion: '37.22.0',
  running: [{ environment: 'PROD', version: '36.20.0' }],
  latestScanAgainstTarget: null,
  declaration: null,
  waived: false,
  ...overrides,
});
const blocker = { code: 'RUNTIME_OVERRIDE', file: 'requirements.txt', line: 3, package: 'django', message: 'pins Django 1.11' };

describe('deriveMigrationStatus', () => {
  it('is NOT_STARTED while only the source runs and nothing was scanned or said', () => {
    expect(deriveMigrationStatus(facts())).toBe('NOT_STARTED');
  });

  it('is IN_PROGRESS once the latest snapshot was scanned against the target without errors, or a member said work started', () => {
    expect(deriveMigrationStatus(facts({ latestScanAgainstTarget: { blockers: [] } }))).toBe('IN_PROGRESS');
    expect(deriveMigrationStatus(facts({ declaration: { kind: 'STARTED', reason: null } }))).toBe('IN_PROGRESS');
  });

  it('is IN_TESTING when the target or a newer release runs in TEST, QUAL or BETA', () => {
    for (const environment of ['TEST', 'QUAL', 'BETA']) {
      expect(
        deriveMigrationStatus(
          facts({
            running: [
              { environment, version: '37.22.0' },
              { environment: 'PROD', version: '36.20.0' },
            ],
          }),
        ),
      ).toBe('IN_TESTING');
    }
    expect(deriveMigrationStatus(facts({ running: [{ environment: 'TEST', version: '38.1.0' }] }))).toBe('IN_TESTING');
    expect(deriveMigrationStatus(facts({ running: [{ environment: 'TEST', version: '37.21.0' }] }))).toBe('NOT_STARTED');
  });

  it('is COMPLETED when PROD runs the target or newer and no environment runs the source', () => {
    expect(deriveMigrationStatus(facts({ running: [{ environment: 'PROD', version: '37.22.0' }] }))).toBe('COMPLETED');
    expect(
      deriveMigrationStatus(
        facts({
          running: [
            { environment: 'PROD', version: '38.1.0' },
            { environment: 'TEST', version: '37.22.0' },
          ],
        }),
      ),
    ).toBe('COMPLETED');
  });

  it('reopens a completed migration when an environment goes back to the source', () => {
    const back = facts({
      running: [
        { environment: 'PROD', version: '37.22.0' },
        { environment: 'QUAL', version: '36.20.0' },
      ],
    });
    expect(deriveMigrationStatus(back)).toBe('IN_TESTING');
  });

  it('is BLOCKED when a member gave a reason or the scan against the target has ERROR findings, even in testing', () => {
    expect(deriveMigrationStatus(facts({ declaration: { kind: 'BLOCKED', reason: 'vendor library' } }))).toBe('BLOCKED');
    expect(deriveMigrationStatus(facts({ latestScanAgainstTarget: { blockers: [blocker] } }))).toBe('BLOCKED');
    expect(deriveMigrationStatus(facts({ running: [{ environment: 'TEST', version: '37.22.0' }], latestScanAgainstTarget: { blockers: [blocker] } }))).toBe(
      'BLOCKED',
    );
  });

  it('is WAIVED under an approved waiver whatever runs, and COMPLETED wins over a block', () => {
    expect(deriveMigrationStatus(facts({ waived: true, declaration: { kind: 'BLOCKED', reason: 'x' } }))).toBe('WAIVED');
    expect(deriveMigrationStatus(facts({ running: [{ environment: 'PROD', version: '37.22.0' }], declaration: { kind: 'BLOCKED', reason: 'x' } }))).toBe(
      'COMPLETED',
    );
  });
});

describe('isTargetOrNewer and blockersOf', () => {
  it('compares semantic versions, so 37.100.0 is newer than 37.22.0', () => {
    expect(isTargetOrNewer('37.100.0', '37.22.0')).toBe(true);
    expect(isTargetOrNewer('37.3.0', '37.22.0')).toBe(false);
    expect(isTargetOrNewer('not-semver', '37.22.0')).toBe(false);
  });

  it('lists a declared reason first, then the scan’s ERROR findings with file and line', () => {
    expect(blockersOf({ declaration: { kind: 'BLOCKED', reason: 'waiting on vendor' }, latestScanAgainstTarget: { blockers: [blocker] } })).toEqual([
      { code: 'DECLARED_BLOCKED', file: null, line: null, package: null, message: 'waiting on vendor' },
      blocker,
    ]);
    expect(blockersOf({ declaration: { kind: 'STARTED', reason: null }, latestScanAgainstTarget: null })).toEqual([]);
  });
});
