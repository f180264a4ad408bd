import { describe, expect, it } from 'vitest';
import { interpretEditable, interpretRequirementText, isAssumedLocalDirectory, RequirementLineError, safeExtra } from './requirement-line';

describe('interpretRequirementText (pip parse_req_from_line)', () => {
  it('reads a PEP 508 requirement with a marker split off first', () => {
    expect(interpretRequirementText('Django[argon2]>=2.0,<2.1 ; python_version >= "3.5"')).toMatchObject({
      rawName: 'Django',
      name: 'django',
      extras: ['argon2'],
      specifiers: [
        { operator: '>=', version: '2.0' },
        { operator: '<', version: '2.1' },
      ],
      marker: 'python_version >= "3.5"',
      url: null,
      source: 'index',
      editable: false,
    });
  });

  it('refuses file URLs with a host other than localhost, as pip (url_to_path) does on Linux', () => {
    for (const text of ['pkg @ file://.', 'pkg @ file://server/share/pkg-1.0.tar.gz', 'file://server/share/pkg-1.0.tar.gz', 'pkg @ file://LOCALHOST/srv/pkg']) {
      expect(() => interpretRequirementText(text), text).toThrow(RequirementLineError);
    }
    expect(() => interpretRequirementText('pkg @ file://.')).toThrow("non-local file URIs are not supported on this platform: 'file://.'");
    expect(() => interpretEditable('file://server/src/pkg#egg=pkg')).toThrow('non-local file URIs are not supported');
    // RFC 8089: an empty authority and "localhost" are this machine.
    for (const text of ['pkg @ file:///srv/pkg', 'pkg @ file://localhost/srv/pkg', 'pkg @ file:/srv/pkg', 'file:///srv/pkg-1.0.tar.gz']) {
      expect(interpretRequirementText(text).source, text).toBe('path');
    }
    // Only file: URLs are turned into paths: a VCS checkout over file:// is git's business.
    expect(interpretRequirementText('pkg @ git+file://server/repo.git@v1').source).toBe('vcs');
  });

  it('only splits "; " after a URL, so a ";" can stay in it', () => {
    const withSpace = interpretRequirementText('https://h/p-1.0.tar.gz#egg=p ; python_version >= "3"');
    expect(withSpace.marker).toBe('python_version >= "3"');
    const withoutSpace = interpretRequirementText('https://h/p-1.0.tar.gz#egg=p;python_version>="3"');
    expect(withoutSpace.url).toBe('https://h/p-1.0.tar.gz#egg=p;python_version>="3"');
    // pip reads the marker back out of the egg fragment.
    expect(withoutSpace.marker).toBe('python_version >= "3"');
  });

  it('names wheels from the file name and sdists from theirs', () => {
    expect(interpretRequirementText('https://h/requests-2.19.1-py2.py3-none-any.whl')).toMatchObject({
      name: 'requests',
      nameOrigin: 'wheel-filename',
      specifiers: [{ operator: '==', version: '2.19.1' }],
      source: 'url',
    });
    expect(interpretRequirementText('vendor/django-filter-2.0.0.tar.gz')).toMatchObject({
      name: 'django-filter',
      nameOrigin: 'sdist-filename',
      source: 'path',
    });
    expect(interpretRequirementText('https://example.com/dist/archive.zip')).toMatchObject({ name: null, source: 'url' });
  });

  it('takes path-like values for project directories, with extras after the path', () => {
    expect(interpretRequirementText('./vendor/plugins[Extra1,extra2]')).toMatchObject({
      name: null,
      url: './vendor/plugins',
      extras: ['extra1', 'extra2'],
      source: 'path',
    });
    expect(isAssumedLocalDirectory('.')).toBe(true);
    expect(isAssumedLocalDirectory('foo @ https://h/x')).toBe(false);
    expect(isAssumedLocalDirectory('pkg==1.0/2')).toBe(false);
  });

  it('reads VCS references and their revision', () => {
    expect(interpretRequirementText('acme-search @ git+https://github.com/acme/search.git@1.4.0')).toMatchObject({
      name: 'acme-search',
      source: 'vcs',
      vcs: { vcs: 'git', revision: '1.4.0', immutable: false },
    });
  });

  it('keeps a hash written in the URL', () => {
    expect(interpretRequirementText('https://h/simplejson-3.16.0.tar.gz#sha256=b1f3').urlHash).toBe('sha256:b1f3');
  });

  it('fails with pip-like messages and hints', () => {
    expect(() => interpretRequirementText('requests=2.19.1')).toThrow(RequirementLineError);
    try {
      interpretRequirementText('requests=2.19.1');
    } catch (error) {
      expect((error as RequirementLineError).hint).toBe('= is not a valid operator. Did you mean == ?');
      expect((error as Error).message).toContain("Invalid requirement: 'requests=2.19.1'");
      expect((error as Error).message).toContain('(column ');
    }
    expect(() => interpretRequirementText('https://h/bad_wheel.whl')).toThrow('bad_wheel.whl is not a valid wheel filename.');
    expect(() => interpretRequirementText('foo; python_version >')).toThrow("Invalid marker: 'python_version >'");
  });

  it('applies pip safe_extra to extras of the requirement itself', () => {
    expect(safeExtra('Some_Extra')).toBe('some_extra');
    expect(safeExtra('a+b  c')).toBe('a_b_c');
  });
});

describe('interpretEditable (pip parse_editable)', () => {
  it('accepts project directories with extras', () => {
    expect(interpretEditable('.[dev]')).toMatchObject({ name: null, url: '.', extras: ['dev'], editable: true, source: 'path' });
    expect(interpretEditable('mypackage')).toMatchObject({ url: 'mypackage', source: 'path' });
  });

  it('accepts VCS URLs with #egg=, adding the scheme prefix to bare git:', () => {
    expect(interpretEditable('git://github.com/acme/old.git#egg=old')).toMatchObject({
      name: 'old',
      url: 'git+git://github.com/acme/old.git#egg=old',
      source: 'vcs',
    });
    expect(interpretEditable('git+https://h/r.git@v2#egg=acme_billing[stripe]')).toMatchObject({ name: 'acme-billing', extras: ['stripe'] });
  });

  it('refuses what pip refuses', () => {
    expect(() => interpretEditable('git+https://github.com/org/noegg.git')).toThrow('Could not detect requirement name');
    expect(() => interpretEditable('https://example.com/not-vcs.tar.gz')).toThrow('is not a valid editable requirement');
  });
});
