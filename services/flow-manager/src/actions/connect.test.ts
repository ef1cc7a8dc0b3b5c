import { describe, expect, it } from '@jest/globals';
import { fakeContext, noCalls } from '../test-support.js';
import { connect } from './connect.js';

const destinations = [{ type: 'tel', target: '+15551234567' }];

describe('connect', () => {
  it('needs a call', async () => {
    const run = fakeContext('connect', { destinations }, { state: { reference_type: 'api' } as never });
    await connect.run(run.context);
    expect(run.failures.map((failure) => failure.reason)).toEqual(['NEEDS_CALL']);
  });

  it('dials through a confbridge and sends this call into it, relaying the one leg\'s reason', async () => {
    const calls = { ...noCalls, createConfbridge: async () => ({ id: 'cb-1' }), createCalls: async () => ({ callIds: ['leg-1'] }) };
    const run = fakeContext('connect', { destinations, relay_reason: true }, { deps: { calls, flows: { findRunnable: async () => undefined, createTemporary: async () => ({ id: 'legs' }) as never } } });
    await connect.run(run.context);
    expect(run.pushed).toEqual([
      {
        actions: [
          { type: 'confbridge_join', option: { confbridge_id: 'cb-1' } },
          { type: 'hangup', option: { reference_id: 'leg-1' } },
        ],
        field: 'option',
      },
    ]);
  });

  it('gives the destinations its ring timeout in whole seconds', async () => {
    const asked: unknown[] = [];
    const calls = { ...noCalls, createConfbridge: async () => ({ id: 'cb-1' }), createCalls: async (request: unknown) => (asked.push(request), { callIds: ['leg-1'] }) };
    const run = fakeContext('connect', { destinations, timeout: 12_500 }, { deps: { calls, flows: { findRunnable: async () => undefined, createTemporary: async () => ({ id: 'legs' }) as never } } });
    await connect.run(run.context);
    expect(asked).toEqual([expect.objectContaining({ timeout: 13 })]);
  });

  it('records a failure and goes on when call-manager cannot make the confbridge', async () => {
    const run = fakeContext('connect', { destinations });
    await expect(connect.run(run.context)).resolves.toEqual({ kind: 'continue' });
    expect(run.failures.map((failure) => failure.reason)).toEqual(['CONNECT_FAILED']);
  });
});
