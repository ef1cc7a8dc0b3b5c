import { afterEach, describe, expect, it } from '@jest/globals';
import { OutboxRelay, OutboxWriter } from '@voxmesh/store';
import { FLOW_EVENT_OUTBOX } from '../migrations.js';
import { buildParts, type Parts } from '../test-support.js';

describe('flow events', () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  it('publishes each committed flow change once, in order, and leaves nothing in the outbox', async () => {
    parts = await buildParts();
    const flow = await parts.flows.create({ name: 'one', actions: [{ type: 'answer' }] as never });
    await parts.flows.update(flow.id, { name: 'renamed' });
    await parts.flows.delete(flow.id);
    await parts.background.drain();
    const mine = parts.published.filter((event) => (event.data as { id: string }).id === flow.id);
    expect(mine.map((event) => event.type)).toEqual(['flow_created', 'flow_updated', 'flow_deleted']);
    expect(mine[1]!.data).toMatchObject({ name: 'renamed' });
    expect(await parts.db.query(`SELECT seq FROM ${FLOW_EVENT_OUTBOX}`)).toEqual([]);
  });

  it('records nothing for a change the database refuses', async () => {
    parts = await buildParts();
    await parts.flows.create({ name: 'first', numbers: ['+15550100'], actions: [{ type: 'answer' }] as never });
    await expect(parts.flows.create({ name: 'second', numbers: ['+15550100'], actions: [{ type: 'answer' }] as never })).rejects.toMatchObject({ statusCode: 409 });
    await parts.background.drain();
    expect(parts.published.filter((event) => event.type === 'flow_created').map((event) => (event.data as { name: string }).name)).toEqual(['first']);
  });

  it('publishes, on the next sweep, an event a crash left between commit and publish', async () => {
    parts = await buildParts();
    await new OutboxWriter(parts.db, FLOW_EVENT_OUTBOX).add('flow_created', { id: 'left-behind' });
    const published: string[] = [];
    await new OutboxRelay({ db: parts.db, table: FLOW_EVENT_OUTBOX, publish: async (_type, data) => void published.push((data as { id: string }).id) }).flush();
    expect(published).toEqual(['left-behind']);
  });
});
