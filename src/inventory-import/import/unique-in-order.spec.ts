import { describe, it, expect } from 'vitest';
import { uniqueInOrder } from './unique-in-order';

describe('uniqueInOrder', () => {
  it('drops repeats, keeping first appearances in order', () => {
    expect(uniqueInOrder(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});
