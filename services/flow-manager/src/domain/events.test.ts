import { afterEach, describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { buildParts, type Parts } from '../test-support.js';

describe("flow-manager's events", () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  it('are each declared in its catalog, with data its schema accepts (what subscribers check)', async () => {
    parts = await buildParts();
    const flow = await parts.flows.create({ name: 'one', actions: [{ type: 'talk', option: { text: 'hi' } }, { type: 'answer', option: {} }] as never });
    await parts.flows.update(flow.id, { name: 'renamed' });
    const activeflow = await parts.activeflows.create({ call_id: 'c1', flow_id: flow.id });
    await parts.activeflows.next(activeflow.id, undefined, undefined);
    await parts.activeflows.stop(activeflow.id, undefined);
    await parts.activeflows.delete(activeflow.id, undefined);
    await parts.flows.delete(flow.id);
    await parts.background.drain();
    const specs = flowManager.flowManagerEvents.events as Record<string, { data: { safeParse(data: unknown): { success: boolean; error?: unknown } } }>;
    for (const event of parts.published) {
      const schema = specs[event.type]?.data;
      expect(schema).toBeDefined();
      const parsed = schema!.safeParse(event.data);
      if (!parsed.success) throw new Error(`${event.type}: ${String(parsed.error)}`);
    }
    expect(new Set(parts.published.map((event) => event.type))).toEqual(
      new Set(['flow_created', 'flow_updated', 'flow_deleted', 'activeflow_created', 'activeflow_updated', 'activeflow_deleted']),
    );
  });
});
