import { describe, expect, it } from 'vitest';
import { graphqlEnum } from './graphql-enum';

describe('graphqlEnum', () => {
  it('names every value of the domain list by itself, in the list order', () => {
    const COLOURS = ['RED', 'GREEN'] as const;
    const Colour = graphqlEnum(COLOURS, { name: 'Colour' });
    expect(Colour).toEqual({ RED: 'RED', GREEN: 'GREEN' });
    expect(Object.values(Colour)).toEqual([...COLOURS]);
  });
});
