import { afterEach, describe, expect, it } from '@jest/globals';
import { buildParts, type Parts } from '../test-support.js';

describe('engine', () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  it('records a failing flow-level action and goes on', async () => {
    parts = await buildParts();
    const created = await parts.activeflows.create({
      call_id: 'c',
      actions: [{ type: 'fetch_flow', option: { flow_id: 'missing' } }, { type: 'goto', option: { target_id: '${nowhere}' } }, { type: 'hangup', option: {} }] as never,
    });
    const action = await parts.activeflows.next(created.id, undefined, undefined);
    expect(action.type).toBe('hangup');
    const state = await parts.activeflows.get(created.id);
    expect(state.errors.map((error) => error.reason)).toEqual(['FLOW_NOT_FOUND', 'TARGET_NOT_FOUND']);
  });

  it('ends a run at the iteration limit and at the execution limit, with the limit named', async () => {
    parts = await buildParts({ maxIterations: 5, maxExecutions: 8 });
    const spinning = await parts.activeflows.create({ call_id: 'c', actions: [{ id: 'x', type: 'goto', option: { target_id: 'x' } }] as never });
    await expect(parts.activeflows.next(spinning.id, undefined, undefined)).rejects.toMatchObject({ status: 'RESOURCE_EXHAUSTED', reason: 'ITERATIONS_LIMIT' });
    expect(await parts.activeflows.get(spinning.id)).toMatchObject({ status: 'ended', end_reason: 'iterations_limit', execute_count: 5 });
    const talking = await parts.activeflows.create({ call_id: 'c', actions: [{ id: 't', type: 'talk', option: { text: 'x' } }, { type: 'goto', option: { target_id: 't' } }] as never });
    let current: string | undefined;
    let error: unknown;
    for (let i = 0; i < 10 && !error; i++) {
      try {
        current = (await parts.activeflows.next(talking.id, current, undefined)).id;
      } catch (thrown) {
        error = thrown;
      }
    }
    expect(error).toMatchObject({ reason: 'EXECUTIONS_LIMIT' });
    expect((await parts.activeflows.get(talking.id)).execute_count).toBe(8);
  });

  it('runs a fetched list as a stack and counts each fetch outcome', async () => {
    parts = await buildParts();
    parts.fetchResults.push({ ok: true, body: { actions: [{ action: 'talk', data: { text: 'legacy spelling' } }] } }, { ok: false, status: 'timeout', message: 'no answer' });
    const created = await parts.activeflows.create({
      call_id: 'c',
      actions: [{ type: 'fetch', option: { event_url: 'http://customer/a' } }, { type: 'fetch', option: { event_url: 'http://customer/b' } }, { type: 'hangup', option: {} }] as never,
    });
    const first = await parts.activeflows.next(created.id, undefined, undefined);
    expect(first.option).toEqual({ text: 'legacy spelling' });
    expect((await parts.activeflows.next(created.id, first.id, undefined)).type).toBe('hangup');
    const state = await parts.activeflows.get(created.id);
    expect(state.variables['voipbin.fetch.status']).toBe('timeout');
    expect(state.errors.map((error) => error.reason)).toEqual(['FETCH_TIMEOUT']);
  });

  it('skips media actions in a run without a call and parks at a sleep', async () => {
    parts = await buildParts();
    const created = await parts.activeflows.create({
      actions: [{ type: 'talk', option: { text: 'x' } }, { type: 'sleep', option: { duration: 50 } }, { type: 'stop', option: {} }] as never,
    });
    await parts.activeflows.execute(created.id, undefined);
    await parts.background.drain();
    const parked = await parts.activeflows.get(created.id);
    expect(parked).toMatchObject({ status: 'running', current_action: { type: 'sleep' } });
    expect(parked.errors.map((error) => error.reason)).toEqual(['NEEDS_CALL']);
    await parts.activeflows.execute(created.id, parked.current_action.id);
    await parts.background.drain();
    expect(await parts.activeflows.get(created.id)).toMatchObject({ status: 'ended', end_reason: 'stopped' });
  });
});
