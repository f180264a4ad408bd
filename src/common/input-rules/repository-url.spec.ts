import { describe, it, expect } from 'vitest';
import { checkRepositoryUrl } from './repository-url';

const check = (text: string) => checkRepositoryUrl(text, 'repository_url');

describe('checkRepositoryUrl', () => {
  it.each([
    'https://github.example.edu/org/repo',
    'http://git.example.edu/org/repo.git',
    'ssh://git@github.example.edu:2222/org/repo.git',
    'git://git.example.edu/org/repo.git',
    'git+ssh://git@github.example.edu/org/repo.git',
    'git+https://github.example.edu/org/repo.git',
    'git@github.example.edu:org/repo.git',
    'deploy@git.example.edu:/srv/git/repo.git',
  ])('accepts %s as written', (url) => {
    expect(check(`  ${url} `)).toEqual({ ok: true, value: url });
  });

  it.each(['ftp://example.edu/repo', 'file:///srv/repo', 'github.example.edu/org/repo', 'C:\\repos\\app', 'https://'])('refuses %s', (url) => {
    expect(check(url).ok).toBe(false);
  });

  it('refuses spaces', () => {
    expect(!check('https://example.edu/my repo').ok && 'refused').toBe('refused');
  });

  it('refuses credentials in http(s) and passwords in ssh URLs, which would be shown to everyone', () => {
    for (const url of [
      'https://token@github.example.edu/org/repo',
      'https://ada:secret@github.example.edu/org/repo',
      'ssh://git:pw@host.example.edu/repo',
      'git+https://ghp_token@github.example.edu/org/repo',
    ]) {
      const result = check(url);
      expect(!result.ok && result.message).toContain('credentials');
    }
  });

  it('refuses control characters, which no URL contains', () => {
    expect(check('https://example.edu/a\u0007b')).toEqual({ ok: false, message: 'repository_url contains control characters' });
    expect(check('https://example.edu/a\u0000b').ok).toBe(false);
    expect(check('git@github.example.edu:org/\ud800').ok).toBe(false);
  });

  it('refuses absurdly long values', () => {
    expect(check(`https://example.edu/${'a'.repeat(2100)}`).ok).toBe(false);
  });
});
