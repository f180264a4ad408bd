import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import { checkScanFiles } from './check-scan-files';

function fieldOf(files: { path: string }[]): unknown {
  try {
    checkScanFiles(files);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).details.field;
  }
  return null;
}

describe('checkScanFiles', () => {
  it('accepts distinct, non-empty paths', () => {
    expect(fieldOf([{ path: 'requirements.txt' }, { path: 'requirements/base.txt' }])).toBeNull();
  });

  it('names the argument or the item at fault', () => {
    expect(fieldOf([])).toBe('files');
    expect(fieldOf(Array.from({ length: 1001 }, (_, index) => ({ path: `f${index}` })))).toBe('files');
    expect(fieldOf([{ path: 'a' }, { path: ' ' }])).toBe('files[1].path');
    expect(fieldOf([{ path: 'x'.repeat(1025) }])).toBe('files[0].path');
    expect(fieldOf([{ path: 'a' }, { path: 'b' }, { path: 'a' }])).toBe('files[2].path');
  });
});
