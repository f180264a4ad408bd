import { describe, expect, it } from 'vitest';
import { batchesSharingNoRecipient, digestsFor, oversees } from './recipients';

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

describe('batchesSharingNoRecipient', () => {
  const app = (id: string, ...emails: string[]) => ({ id, emails });

  it('keeps applications that share a person in one batch, however far apart they are', () => {
    const apps = [app('a1', 'ann'), app('b1', 'bob'), app('c1', 'cy'), app('d1', 'dee'), app('a2', 'ann')];
    const batches = batchesSharingNoRecipient(apps, 2, 100);
    expect(batches).toEqual([['a1', 'a2'], ['b1', 'c1'], ['d1']]);
    // Nobody is in two batches.
    for (const email of ['ann', 'bob', 'cy', 'dee']) {
      const holding = batches.filter((batch) => batch.some((id) => apps.find((entry) => entry.id === id)!.emails.includes(email)));
      expect(holding).toHaveLength(1);
    }
  });

  it('links applications through people in between (a chain of shared contacts)', () => {
    const apps = [app('x', 'p1'), app('filler1', 'f1'), app('y', 'p1', 'p2'), app('filler2', 'f2'), app('z', 'p2')];
    expect(batchesSharingNoRecipient(apps, 1, 100)).toEqual([['x', 'y', 'z'], ['filler1'], ['filler2']]);
  });

  it('fills batches to at least the size, the last one aside, keeping the order given', () => {
    const apps = Array.from({ length: 7 }, (_, index) => app(`app-${index}`, `person-${index}`));
    expect(batchesSharingNoRecipient(apps, 3, 100).map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(batchesSharingNoRecipient(apps, 3, 100).flat()).toEqual(apps.map((entry) => entry.id));
  });

  it('cuts a set of linked applications larger than maxTogether into parts of that many', () => {
    const apps = [app('solo', 'someone'), ...Array.from({ length: 5 }, (_, index) => app(`shared-${index}`, 'everyone'))];
    expect(batchesSharingNoRecipient(apps, 10, 2)).toEqual([['solo'], ['shared-0', 'shared-1'], ['shared-2', 'shared-3'], ['shared-4']]);
  });

  it('makes no batch of nothing', () => {
    expect(batchesSharingNoRecipient([], 500, 5000)).toEqual([]);
  });
});
