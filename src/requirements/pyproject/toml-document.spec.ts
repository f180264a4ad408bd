import { describe, expect, it } from 'vitest';
import { emptyParsedFile } from '../file-model/model';
import { readTomlDocumentOrObserve } from './toml-document';

describe('readTomlDocumentOrObserve', () => {
  it('returns the document and records nothing when the TOML is valid', () => {
    const parsed = emptyParsedFile('Pipfile', 'pipfile');
    const document = readTomlDocumentOrObserve(parsed, '\ufeff[packages]\nrequests = "*"\n', 'the hint');
    expect(document?.root).toEqual({ packages: { requests: '*' } });
    expect(parsed.observations).toEqual([]);
  });

  it('returns null and records one PARSE_ERROR on the 1-based line, with the hint, when the TOML is invalid', () => {
    const parsed = emptyParsedFile('poetry.lock', 'poetry-lock');
    expect(readTomlDocumentOrObserve(parsed, '[[package]]\nname = "a"\nversion = \n', 'Regenerate it.')).toBeNull();
    expect(parsed.observations).toHaveLength(1);
    expect(parsed.observations[0]).toMatchObject({ code: 'PARSE_ERROR', file: 'poetry.lock', line: 3, package: null, hint: 'Regenerate it.' });
    expect(parsed.observations[0].message).toMatch(/^Invalid TOML: /);
    expect(parsed.requirements).toEqual([]);
  });
});
