import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { CallEnv } from './harness.js';

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const ACCOUNT = 'acct-metaflow';

/** `PUT /v1/channels/<id>` (Kazoo's channel metaflow command) on a live call placed by esl-sim. */
describe('a metaflow node run on a live channel', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start();
    await env.flow('4001', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'sleep', option: { duration: 600000 } },
      { id: 'a3', type: 'sleep', option: { duration: 600000 } },
    ], ACCOUNT);
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const metaflow = (id: string, data: unknown, accountId = ACCOUNT) =>
    env.calls.call('channelMetaflow', { params: { id }, body: { account_id: accountId, action: 'metaflow', data: data as { module: string } } });

  it('breaks the media and hangs the call up, as the seed\'s {"module": "hangup"} asks; refuses a module it does not know, naming it', async () => {
    const uuid = env.sim.placeCall({ from: '1001', to: '4001' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'sleeping', (c) => c.action?.id === 'a2');

    // An unknown module is a bad request naming it.
    const unknown = await failure(metaflow(uuid, { module: 'explode' }));
    expect(unknown).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.module' });
    expect(unknown.message).toContain('explode');
    expect((await failure(metaflow(uuid, { data: {} }))).field).toBe('data.data.module');
    expect((await failure(env.calls.call('channelMetaflow', { params: { id: uuid }, body: { action: 'transfer', data: { module: 'hangup' } } as never }))).field).toBe('data.action');
    // Another account's channel, or none, is not found.
    expect((await failure(metaflow(uuid, { module: 'hangup' }, 'someone-else'))).status).toBe('NOT_FOUND');
    expect((await failure(metaflow('no-such-channel', { module: 'hangup' }))).status).toBe('NOT_FOUND');
    expect((await env.getCall(call.id)).status).toBe('progressing');

    const broken = await metaflow(uuid, { module: 'break' });
    expect(broken).toMatchObject({ id: uuid, call_id: call.id, account_id: ACCOUNT, state: 'answered' });
    expect(env.simCall(uuid).apis.map((api) => `${api.command} ${api.arg}`)).toContain(`uuid_break ${uuid}`);
    // Breaking the media ends the application the flow waits on: it moves to the next sleep.
    await env.callUntil(call.id, 'on the next sleep', (c) => c.action?.id === 'a3');

    const channel = await metaflow(uuid, { module: 'hangup' });
    expect(channel).toMatchObject({ id: uuid, call_id: call.id, account_id: ACCOUNT });
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'local', hangup_reason: 'normal' });
    expect(env.simCall(uuid)).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', hangup_by: 'local' });
    // The call is over: a second hangup is refused (ended, or gone once call-manager lets the call go).
    expect(['FAILED_PRECONDITION', 'NOT_FOUND']).toContain((await failure(metaflow(uuid, { module: 'hangup' }))).status);
  });
});
