import { describe, expect, it } from 'vitest';
import { digestsFor, oversees } from './recipients';

const person = (email: string, digest = true) => ({ email, digest });

describe('digestsFor', () => {
  const ann = person('ann@example.edu');
  const bob = person('bob@example.edu', false);
  const apps = [
    { slug: 'a1', people: [ann, bob] },
    { slug: 'a2', people: [ann] },
    { slug: 'a3', people: [bob, ann, ann] },
  ];

  it('gives each person one digest listing all of their apps, in the apps order, each once', () => {
    const digests = digestsFor(apps, (app) => app.people).filter((digest) => digest.person === ann);
    expect(digests.map((digest) => digest.applications.map((app) => app.slug))).toEqual([['a1', 'a2', 'a3']]);
  });

  it('gives one notice per app to someone who turned digests off', () => {
    const digests = digestsFor(apps, (app) => app.people).filter((digest) => digest.person === bob);
    expect(digests.map((digest) => digest.applications.map((app) => app.slug))).toEqual([['a1'], ['a3']]);
  });

  it('makes nothing for apps nobody hears about', () => {
    expect(digestsFor([{ slug: 'x', people: [] }], (app) => app.people)).toEqual([]);
  });
});

describe('oversees', () => {
  it('is true for managers of every department (null) and of the department', () => {
    expect(oversees(null, 'Library')).toBe(true);
    expect(oversees(['Library', 'Registrar'], 'Library')).toBe(true);
    expect(oversees(['Registrar'], 'Library')).toBe(false);
    expect(oversees([], 'Library')).toBe(false);
  });
});
