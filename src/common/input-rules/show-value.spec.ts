import { describe, it, expect } from 'vitest';
import { showValue } from './show-value';

describe('showValue', () => {
  it('quotes a value and cuts a long one', () => {
    expect(showValue('My "App"')).toBe('"My \\"App\\""');
    expect(showValue('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…"`);
  });
});
