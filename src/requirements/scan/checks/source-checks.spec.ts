import { describe, expect, it } from 'vitest';
import { isApprovedUrl } from './source-checks';

describe('isApprovedUrl', () => {
  it('approves a host entry for that host only', () => {
    const allowed = ['https://pypi.campus.example.edu'];
    expect(isApprovedUrl('https://pypi.campus.example.edu/simple', allowed)).toBe(true);
    expect(isApprovedUrl('https://PYPI.campus.example.edu', allowed)).toBe(true);
    expect(isApprovedUrl('https://user:secret@pypi.campus.example.edu/simple', allowed)).toBe(true);
    expect(isApprovedUrl('https://pypi.campus.example.edu.evil.example/simple', allowed)).toBe(false);
    expect(isApprovedUrl('https://pypi.campus.example.edu:8443/simple', allowed)).toBe(false);
    expect(isApprovedUrl('http://pypi.campus.example.edu/simple', allowed)).toBe(false);
  });

  it('approves whole path segments below a path entry', () => {
    const allowed = ['https://pypi.campus.example.edu/simple'];
    expect(isApprovedUrl('https://pypi.campus.example.edu/simple', allowed)).toBe(true);
    expect(isApprovedUrl('https://pypi.campus.example.edu/simple/', allowed)).toBe(true);
    expect(isApprovedUrl('https://pypi.campus.example.edu/simple?x=1', allowed)).toBe(true);
    expect(isApprovedUrl('https://pypi.campus.example.edu/simple-evil/', allowed)).toBe(false);
    expect(isApprovedUrl('https://pypi.campus.example.edu/', allowed)).toBe(false);
    expect(isApprovedUrl('https://mirror.example.edu/wheels/', ['https://mirror.example.edu/wheels/'])).toBe(true);
  });
});
