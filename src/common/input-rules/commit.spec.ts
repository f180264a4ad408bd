import { describe, it, expect } from 'vitest';
import { checkCommit } from './commit';

describe('checkCommit', () => {
  it('accepts 7 to 64 hex digits, lower-cased', () => {
    expect(checkCommit('ABCDEF1', 'commit')).toEqual({ ok: true, value: 'abcdef1' });
    expect(checkCommit('a'.repeat(40), 'commit').ok).toBe(true);
    expect(checkCommit('b'.repeat(64), 'commit').ok).toBe(true);
  });

  it('names the length when it is wrong', () => {
    expect(checkCommit('abc123', 'commit')).toEqual({ ok: false, message: 'commit must be 7–64 hex digits long; got 6 ("abc123")' });
    expect(!checkCommit('a'.repeat(65), 'commit').ok).toBe(true);
  });

  it('says a branch or tag name is not a commit', () => {
    const result = checkCommit('main', 'commit');
    expect(!result.ok && result.message).toContain('not a branch or tag name');
  });
});
