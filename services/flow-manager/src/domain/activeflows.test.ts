import { afterEach, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { buildParts, type Parts } from '../test-support.js';

const key = (id: string) => `flow-manager:activeflow:${id}`;

describe('activeflow steps', () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  async function started(actions: unknown[]) {
    const created = await parts.activeflows.create({ call_id: 'c1', actions: actions as never });
    return created.id;
  }

  const talks = [
    { id: 'a', type: 'talk', option: { text: 'a' } },
    { id: 'b', type: 'talk', option: { text: 'b' } },
    { id: 'c', type: 'talk', option: { text: 'c' } },
  ];

  it('does not take a stale copy in the cache for the truth: it rereads the database before answering 409', async () => {
    parts = await buildParts();
    const id = await started(talks);
    expect((await parts.activeflows.next(id, undefined, undefined)).id).toBe('a');
    const atA = await parts.cache.get(key(id));
    expect((await parts.activeflows.next(id, 'a', undefined)).id).toBe('b');
    // The cache missed the last write (Redis was away), so it still says "at a".
    await parts.cache.set(key(id), atA!);
    expect((await parts.activeflows.next(id, 'b', undefined)).id).toBe('c');
    // A really stale id is still refused, naming the current action.
    await expect(parts.activeflows.next(id, 'a', undefined)).rejects.toMatchObject({ reason: 'STALE_ACTION', details: { current_action_id: 'c' } });
  });

  it('retries from the database when its write loses to another writer, keeping the other writer\'s change', async () => {
    parts = await buildParts();
    const id = await started(talks);
    await parts.activeflows.next(id, undefined, undefined);
    const cached = await parts.cache.get(key(id));
    // Another replica changed the activeflow while this one's cache copy stayed behind.
    const stored = (await parts.activeflowRepository.get(id))!;
    stored.variables.other = 'kept';
    stored.version += 1;
    expect(await parts.activeflowRepository.update(stored, stored.version - 1)).toBe(true);
    await parts.cache.set(key(id), cached!);
    expect((await parts.activeflows.next(id, 'a', undefined)).id).toBe('b');
    const after = (await parts.activeflowRepository.get(id))!;
    expect(after.variables.other).toBe('kept');
    expect(after.current_action.id).toBe('b');
  });

  it('takes neither a stale Redis copy nor the stale state a replica saved last for the truth', async () => {
    parts = await buildParts();
    const other = await buildParts({}, { cache: parts.cache, db: parts.db });
    const id = await started([...talks, { id: 'd', type: 'talk', option: { text: 'd' } }]);
    expect((await parts.activeflows.next(id, undefined, undefined)).id).toBe('a');
    const atA = await parts.cache.get(key(id));
    expect((await parts.activeflows.next(id, 'a', undefined)).id).toBe('b');
    // The other replica has no state of its own and finds Redis behind (it missed a write).
    await parts.cache.set(key(id), atA!);
    expect((await other.activeflows.next(id, 'b', undefined)).id).toBe('c');
    // This replica last saved "at b": the caller's "c" sends it to MySQL, not to a 409.
    expect((await parts.activeflows.next(id, 'c', undefined)).id).toBe('d');
    // Without a current action id its stale state would run "c" again: the write is refused
    // and the step is taken again from MySQL.
    expect((await other.activeflows.next(id, undefined, undefined)).type).toBe('finish');
    await expect(parts.activeflows.next(id, 'b', undefined)).resolves.toMatchObject({ type: 'finish' });
    const stored = (await parts.activeflowRepository.get(id))!;
    expect(stored.status).toBe('ended');
    await other.background.drain();
  });

  it('leaves the activeflow untouched when a step fails before its write', async () => {
    parts = await buildParts();
    const id = await started(talks);
    await parts.activeflows.next(id, undefined, undefined);
    const before = await parts.activeflowRepository.get(id);
    await expect(parts.activeflows.next(id, 'zzz', undefined)).rejects.toBeInstanceOf(VoipError);
    expect(await parts.activeflowRepository.get(id)).toEqual(before);
  });

  it('starts the follow-up flow with the variables carried over, and stops at the chain limit', async () => {
    parts = await buildParts();
    const loop = await parts.flows.create({ account_id: 'acc', actions: [{ type: 'variable_set', option: { key: 'hops', value: '${hops}x' } }] });
    await parts.flows.update(loop.id, { on_complete_flow_id: loop.id });
    const first = await parts.activeflows.create({ flow_id: loop.id, variables: { hops: '' } });
    await parts.activeflows.execute(first.id, undefined);
    for (let i = 0; i < 20 && (await parts.activeflows.list({ flow_id: loop.id }, { size: 10, token: undefined })).result.length < 3; i++) {
      await parts.background.drain();
    }
    await parts.background.drain();
    const runs = (await parts.activeflows.list({ flow_id: loop.id }, { size: 10, token: undefined })).result;
    // The first run and two follow-ups: -max_complete_chain is 2 here.
    expect(runs).toHaveLength(3);
    expect(runs.map((run) => run.variables.hops).sort()).toEqual(['x', 'xx', 'xxx']);
    expect(runs.every((run) => run.status === 'ended')).toBe(true);
  });

  it('tells onEnded (Pivot\'s CDR) once of each run that finished, was stopped or hit a limit, and never of a running one', async () => {
    parts = await buildParts({ maxIterations: 5 });
    const finished = await started([{ id: 'only', type: 'talk', option: { text: 'hi' } }]);
    expect((await parts.activeflows.next(finished, undefined, undefined)).id).toBe('only');
    expect(parts.ended).toEqual([]);
    await parts.activeflows.next(finished, 'only', undefined);
    const stopped = await started(talks);
    await parts.activeflows.stop(stopped, undefined);
    await parts.activeflows.stop(stopped, undefined);
    const looping = await started([{ id: 'loop', type: 'goto', option: { target_id: 'loop', loop_count: 100 } }]);
    await expect(parts.activeflows.next(looping, undefined, undefined)).rejects.toBeInstanceOf(VoipError);
    expect(parts.ended).toEqual([
      { id: finished, reason: 'finished' },
      { id: stopped, reason: 'stopped' },
      { id: looping, reason: expect.stringMatching(/_limit$/) },
    ]);
  });
});
