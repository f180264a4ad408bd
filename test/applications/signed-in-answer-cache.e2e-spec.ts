/**
 * Signed-in inventory answers are repeated from memory for a few seconds (ANSWER_CACHE_TTL_MS):
 * only while nothing they were read from changed. A mutation on this replica is seen by the
 * very next read, a write elsewhere once the database notifies, and an unnoticed one at the
 * latest after the time to live; answers are never shared between callers with different grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedInAnswerCache } from '../../src/applications/signed-in-answer-cache';
import { Role } from '../../src/auth/role';
import { disconnectListenersOn } from '../../src/common/database/revision-listener';
import { eventually } from '../setup/eventually';
import { errorCode, startTestService, type TestService } from '../setup/test-app';
import { createApplication, createGroup, dataOf, gqlOk, UPDATE_APPLICATION } from './support';

const TTL_MS = 3_000;
const NAMES = '{ applications(first: 50) { totalCount edges { node { slug name } } } }';

type Names = { applications: { totalCount: number; edges: { node: { slug: string; name: string } }[] } };

describe('remembered signed-in answers', () => {
  let service: TestService;
  let cache: SignedInAnswerCache;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    service = await startTestService({ env: { ANSWER_CACHE_TTL_MS: String(TTL_MS) } });
    cache = service.app.get(SignedInAnswerCache);
    alice = await service.tokenFor([Role.DEVELOPER], 'alice@example.edu');
    bob = await service.tokenFor([Role.DEVELOPER], 'bob@example.edu');
    await createGroup(service, 'alpha', [], ['alice@example.edu']);
    await createGroup(service, 'beta', [], ['bob@example.edu']);
    await createApplication(service, { slug: 'alpha-one', group: 'alpha' });
    await createApplication(service, { slug: 'alpha-two', group: 'alpha' });
    await createApplication(service, { slug: 'beta-one', group: 'beta' });
  });
  afterAll(async () => service.close());

  const namesOf = async (token: string): Promise<Record<string, string>> =>
    Object.fromEntries(dataOf(await service.gql<Names>(NAMES, {}, token)).applications.edges.map(({ node }) => [node.slug, node.name]));

  /** A write this replica is not told about, as if the notification were lost. */
  const renameUnnoticed = (slug: string, name: string) =>
    service.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE applications DISABLE TRIGGER applications_data_changed');
      await manager.query('UPDATE applications SET name = $2 WHERE slug = $1', [slug, name]);
      await manager.query('ALTER TABLE applications ENABLE TRIGGER applications_data_changed');
    });

  /**
   * Reads, renames unnoticed and reads again until the second read comes from memory. The
   * notification of an earlier write may arrive between the two reads and empty the cache; on a
   * busy machine that can take a while, so it tries a few times. Returns when the rename was made.
   */
  async function showRememberedAnswer(token: string, slug: string, tag: string): Promise<{ renamedAt: number; name: string }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      await new Promise((done) => setTimeout(done, 200));
      const before = (await namesOf(token))[slug];
      const name = `${tag} ${attempt}`;
      await renameUnnoticed(slug, name);
      const renamedAt = Date.now();
      if ((await namesOf(token))[slug] === before) return { renamedAt, name };
    }
    throw new Error('no answer was repeated from memory in five attempts');
  }

  it('repeats an answer from memory, at most for the time to live when a change goes unnoticed', async () => {
    const { renamedAt, name } = await showRememberedAnswer(alice, 'alpha-one', 'Unnoticed');
    expect(cache.size).toBeGreaterThan(0);
    const names = await eventually(
      () => namesOf(alice),
      (current) => current['alpha-one'] === name,
      TTL_MS * 3,
    );
    expect(names['alpha-one']).toBe(name);
    expect(Date.now() - renamedAt).toBeLessThan(TTL_MS * 2);
  });

  it("shows this replica's own mutation on the very next read", async () => {
    await namesOf(alice);
    await gqlOk(service, UPDATE_APPLICATION, { input: { slug: 'alpha-two', name: 'Renamed through the API' } });
    expect((await namesOf(alice))['alpha-two']).toBe('Renamed through the API');
  });

  it('shows a write by another replica or tool once the database notifies, long before the time to live', async () => {
    await namesOf(alice);
    const startedAt = Date.now();
    await service.dataSource.query(`UPDATE applications SET name = 'Renamed by SQL' WHERE slug = 'alpha-two'`);
    const names = await eventually(
      () => namesOf(alice),
      (current) => current['alpha-two'] === 'Renamed by SQL',
    );
    expect(names['alpha-two']).toBe('Renamed by SQL');
    expect(Date.now() - startedAt).toBeLessThan(TTL_MS);
  });

  it('keeps answers per caller: the same query shows each member their own applications', async () => {
    expect(Object.keys(await namesOf(alice)).sort()).toEqual(['alpha-one', 'alpha-two']);
    expect(Object.keys(await namesOf(bob)).sort()).toEqual(['beta-one']);
    expect(Object.keys(await namesOf(alice)).sort()).toEqual(['alpha-one', 'alpha-two']);
  });

  it('shows a member who joined a group its applications on the next read', async () => {
    expect(Object.keys(await namesOf(bob))).toEqual(['beta-one']);
    await createGroup(service, 'gamma', [], ['bob@example.edu']);
    await createApplication(service, { slug: 'gamma-one', group: 'gamma' });
    expect(Object.keys(await namesOf(bob)).sort()).toEqual(['beta-one', 'gamma-one']);
  });

  it('works a new answer out on a new day on campus', async () => {
    const { name } = await showRememberedAnswer(alice, 'alpha-one', 'Yesterday');
    service.clock.set(new Date(service.clock.now().getTime() + 24 * 60 * 60 * 1000));
    expect((await namesOf(alice))['alpha-one']).toBe(name);
  });

  it('keeps no answer with errors, and none to a query that asks more than the inventory', async () => {
    await new Promise((done) => setTimeout(done, 200));
    cache.forgetAll();
    expect(errorCode(await service.gql('{ applications(first: 1, after: "not-a-cursor") { totalCount } }', {}, alice))).toBe('BAD_USER_INPUT');
    dataOf(await service.gql('{ me { label } applications(first: 1) { totalCount } }', {}, alice));
    expect(cache.size).toBe(0);
    dataOf(await service.gql('{ applications(first: 1) { totalCount } }', {}, alice));
    expect(cache.size).toBe(1);
  });

  it('reports hits, misses and the memory it holds on /metrics', async () => {
    const metric = async (name: string): Promise<number> => {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      const line = text.split('\n').find((entry) => entry.startsWith(`${name} `));
      return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
    };
    await new Promise((done) => setTimeout(done, 200));
    const hitsBefore = await metric('pype_answer_cache_lookups_total{outcome="hit"}');
    const missesBefore = await metric('pype_answer_cache_lookups_total{outcome="miss"}');
    const query = '{ applications(first: 2) { totalCount edges { node { slug } } } }';
    dataOf(await service.gql(query, {}, bob));
    dataOf(await service.gql(query, {}, bob));
    expect(await metric('pype_answer_cache_lookups_total{outcome="miss"}')).toBeGreaterThanOrEqual(missesBefore + 1);
    expect(await metric('pype_answer_cache_lookups_total{outcome="hit"}')).toBeGreaterThanOrEqual(hitsBefore + 1);
    expect(await metric('pype_answer_cache_entries')).toBeGreaterThan(0);
    expect(await metric('pype_answer_cache_bytes')).toBeGreaterThan(0);
  });

  it('answers nothing from memory while the notification connection is down', async () => {
    await namesOf(alice);
    disconnectListenersOn(service.databaseUrl, 'test: notifications lost');
    await renameUnnoticed('alpha-one', 'Renamed while offline');
    expect((await namesOf(alice))['alpha-one']).toBe('Renamed while offline');
  });
});
