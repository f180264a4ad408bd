import { describe, expect, it } from 'vitest';
import {
  isArchiveFile,
  isPipUrl,
  linkFilename,
  looksLikePath,
  sourceOfUrl,
  splitExtension,
  stripExtras,
  urlFragmentValue,
  urlHashFragment,
  vcsReference,
} from './link';

describe('URLs as pip sees them', () => {
  it('recognises the schemes pip treats as URLs (and not bare git://)', () => {
    expect(isPipUrl('https://example.com/x.whl')).toBe(true);
    expect(isPipUrl('git+https://github.com/a/b')).toBe(true);
    expect(isPipUrl('FILE:///tmp/x')).toBe(true);
    expect(isPipUrl('git://github.com/a/b')).toBe(false);
    expect(isPipUrl('requests==2.0')).toBe(false);
    expect(isPipUrl('c:\\pkgs\\x.whl')).toBe(false);
  });

  it('reads the first #egg= / &egg= and #subdirectory= fragments', () => {
    expect(urlFragmentValue('git+https://h/r@v1#egg=pkg&subdirectory=src/py', 'egg')).toBe('pkg');
    expect(urlFragmentValue('git+https://h/r@v1#subdirectory=src&egg=pkg[extra]', 'egg')).toBe('pkg[extra]');
    expect(urlFragmentValue('git+https://h/r#egg=pkg&subdirectory=src/py', 'subdirectory')).toBe('src/py');
    expect(urlFragmentValue('https://h/legg=x', 'egg')).toBeNull();
  });

  it('finds the leftmost hash fragment of any algorithm pip supports', () => {
    expect(urlHashFragment('https://h/x.tar.gz#md5=abc&sha256=def')).toEqual({ algorithm: 'md5', digest: 'abc' });
    expect(urlHashFragment('https://h/x.tar.gz#egg=x&sha256=def')).toEqual({ algorithm: 'sha256', digest: 'def' });
    expect(urlHashFragment('https://h/sha256=x.tar.gz')).toBeNull();
  });

  it('takes the file name from the unquoted path, or the host when there is none', () => {
    expect(linkFilename('https://h/dist/foo%2Dbar-1.0.tar.gz?x=1#egg=foo')).toBe('foo-bar-1.0.tar.gz');
    expect(linkFilename('https://user:pw@h.example/')).toBe('h.example');
    expect(linkFilename('./wheels/a-1.0-py3-none-any.whl')).toBe('a-1.0-py3-none-any.whl');
  });

  it('splits extensions like pip (tar archives keep .tar)', () => {
    expect(splitExtension('a.tar.gz')).toEqual(['a', '.tar.gz']);
    expect(splitExtension('a.TAR.GZ')).toEqual(['a', '.TAR.GZ']);
    expect(splitExtension('.whl')).toEqual(['.whl', '']);
    expect(splitExtension('a.b/c')).toEqual(['a.b/c', '']);
    expect(isArchiveFile('pkg-1.0.TGZ')).toBe(true);
    expect(isArchiveFile('django==2.0.7')).toBe(false);
    expect(isArchiveFile('dir/.zip')).toBe(false);
  });

  it('recognises paths and trailing extras as pip does', () => {
    expect(looksLikePath('./pkg')).toBe(true);
    expect(looksLikePath('src/pkg')).toBe(true);
    expect(looksLikePath('pkg')).toBe(false);
    expect(stripExtras('./pkg[a,b]')).toEqual({ withoutExtras: './pkg', extras: '[a,b]' });
    expect(stripExtras('./pkg[]')).toEqual({ withoutExtras: './pkg[]', extras: null });
    expect(stripExtras('pkg[a]==1')).toEqual({ withoutExtras: 'pkg[a]==1', extras: null });
  });

  it('finds the revision after the last @ of the path and whether it is immutable', () => {
    expect(vcsReference('git+ssh://git@github.com/a/b.git@v1.2#egg=b')).toEqual({ vcs: 'git', revision: 'v1.2', immutable: false });
    expect(vcsReference('git+https://github.com/a/b.git')).toEqual({ vcs: 'git', revision: null, immutable: false });
    const sha = '0f3b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b';
    expect(vcsReference(`git+https://github.com/a/b@${sha}`)?.immutable).toBe(true);
    expect(vcsReference(`git+https://github.com/a/b@${sha.slice(0, 12)}`)?.immutable).toBe(false);
    expect(vcsReference('svn+https://svn.example/repo/trunk@1043')).toEqual({ vcs: 'svn', revision: '1043', immutable: true });
    expect(vcsReference('https://example.com/x.tar.gz')).toBeNull();
  });

  it('classifies where a direct reference installs from', () => {
    expect(sourceOfUrl('git+https://h/r')).toBe('vcs');
    expect(sourceOfUrl('file:///srv/pkg')).toBe('path');
    expect(sourceOfUrl('../pkg')).toBe('path');
    expect(sourceOfUrl('C:\\pkgs\\x.whl')).toBe('path');
    expect(sourceOfUrl('https://h/x.whl')).toBe('url');
  });
});
