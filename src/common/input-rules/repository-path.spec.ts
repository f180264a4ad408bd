import { describe, expect, it } from 'vitest';
import { checkRepositoryPath, MAX_PATH_LENGTH } from './repository-path';

const check = (text: string) => checkRepositoryPath(text, 'files[0].path');

describe('checkRepositoryPath', () => {
  it.each([
    ['requirements.txt', 'requirements.txt'],
    ['./requirements/base.txt', 'requirements/base.txt'],
    ['.\\requirements\\dev.txt', 'requirements/dev.txt'],
    [' services/api/Pipfile ', 'services/api/Pipfile'],
    ['données/requirements.txt', 'données/requirements.txt'],
  ])('accepts %s as %s', (text, path) => {
    expect(check(text)).toEqual({ ok: true, value: path });
  });

  it.each(['/etc/passwd', 'C:/repo/requirements.txt', '../outside.txt', 'a/../../b.txt', '..', 'a\u0000b', 'a\nb', 'a\u0007b', '', '   ', 'x\ud800'])(
    'refuses %j',
    (text) => {
      expect(check(text).ok).toBe(false);
    },
  );

  it('bounds the length in characters', () => {
    expect(check('a'.repeat(MAX_PATH_LENGTH)).ok).toBe(true);
    expect(check('a'.repeat(MAX_PATH_LENGTH + 1))).toEqual({
      ok: false,
      message: `files[0].path is ${MAX_PATH_LENGTH + 1} characters long; at most ${MAX_PATH_LENGTH} are allowed`,
    });
  });
});
