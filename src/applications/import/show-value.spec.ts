import { describe, it, expect } from 'vitest';
import { showValue } from './show-value';
import { uniqueInOrder } from './unique-in-order';

describe('showValue', () => {
  it('quotes a value and cuts a long one', () => {
    expect(showValue('My "App"')).toBe('"My \\"App\\""');
    expect(showValue('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…"`);
  });
});

describe('uniqueInOrder', () => {
  it('drops repeats, keeping first appearances in order', () => {
    expect(uniqueInOrder(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});
