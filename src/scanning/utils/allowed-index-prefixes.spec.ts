import { describe, expect, it } from 'vitest';
import { allowedIndexPrefixes } from './allowed-index-prefixes';

describe('allowedIndexPrefixes', () => {
  it('ends an entry without a path with / so that it approves only that host', () => {
    expect(allowedIndexPrefixes(['https://pypi.example.edu', 'https://pypi.example.edu:8443', ' http://10.0.0.1 '])).toEqual([
      'https://pypi.example.edu/',
      'https://pypi.example.edu:8443/',
      'http://10.0.0.1/',
    ]);
  });

  it('keeps entries with a path as they are', () => {
    expect(allowedIndexPrefixes(['https://pypi.example.edu/', 'https://pypi.example.edu/simple', 'https://host/simple/'])).toEqual([
      'https://pypi.example.edu/',
      'https://pypi.example.edu/simple',
      'https://host/simple/',
    ]);
  });
});
