import { afterEach, describe, expect, it } from '@jest/globals';
import { EmbeddedDatabase, type Cache, type SqlDatabase } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import { buildParts, type Parts } from '../test-support.js';

/** A Redis that does not answer: every operation fails. */
const unreachable = new Proxy({}, { get: () => async () => Promise.reject(new Error('connection refused')) }) as Cache;

describe('the activeflow lock while the cache is away', () => {
  let db: SqlDatabase;
  let replicas: Parts[] = [];

  afterEach(async () => {
    for (const parts of replicas) await parts.background.drain();
    await db?.close();
    replicas = [];
  });

  it("holds across replicas in the activeflow's row: a step's side effects run once, however many replicas are asked at once", async () => {
    db = await EmbeddedDatabase.open();
    replicas = [await buildParts({}, { db, cache: unreachable }), await buildParts({}, { db, cache: unreachable })];
    const [a, b] = replicas as [Parts, Parts];
    const created = await a.activeflows.create({
      call_id: 'c1',
      // Every step asks the customer's server (a side effect), then says something: ids never repeat.
      actions: Array.from({ length: 12 }, (_, n) => [
        { id: `ask${n}`, type: 'fetch', option: { event_url: `http://customer/${n}` } },
        { id: `say${n}`, type: 'talk', option: { text: `step ${n}` } },
      ]).flat() as never,
    });
    // The first step names no current action; from then on every request names the one it saw.
    let current: string = (await a.activeflows.next(created.id, undefined, undefined)).id;
    let advanced = 1;
    for (let round = 0; round < 10; round++) {
      const asked = [a, b, a, b].map((parts) => parts.activeflows.next(created.id, current, undefined).then((action) => action, (error: unknown) => error));
      const outcomes = await Promise.all(asked);
      const actions = outcomes.filter((outcome): outcome is { id: string } => !(outcome instanceof Error));
      expect(actions).toHaveLength(1);
      for (const refused of outcomes.filter((outcome) => outcome instanceof Error)) expect((refused as VoipError).statusCode).toBe(409);
      current = actions[0]!.id;
      advanced++;
    }
    // Each advance ran its fetch exactly once, on whichever replica won the row.
    expect(a.fetchRequests.length + b.fetchRequests.length).toBe(advanced);
    expect((await db.query<{ lock_until: number }>('SELECT lock_until FROM flow_activeflows WHERE id = ?', [created.id]))[0]!.lock_until).toBe(0);
  });

  it('answers 404 for an activeflow that does not exist', async () => {
    db = await EmbeddedDatabase.open();
    replicas = [await buildParts({}, { db, cache: unreachable })];
    await expect(replicas[0]!.activeflows.next('no-such-activeflow', undefined, undefined)).rejects.toMatchObject({ statusCode: 404 });
  });
});
