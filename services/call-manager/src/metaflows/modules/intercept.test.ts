import { describe, expect, it } from '@jest/globals';
import type { HeldCall } from '../../calls/live-call.js';
import { intercept } from './intercept.js';
import type { MetaflowRunDeps } from './types.js';

/** konami intercept with the endpoints and the media server written down. */
function setUp(legs: { endpoint: string; deviceId: string }[], device: { id: string } | null = { id: 'd-own' }) {
  const done: string[] = [];
  const call = {
    call: { id: 'call-1', account_id: 'acct', channel_id: 'chan-1', media_server: '127.0.0.1:8021', device, source: { type: 'tel', target: '+15550001', target_name: 'Caller' } },
  } as unknown as HeldCall;
  const deps = {
    endpoints: {
      resolve: async (request: { endpoints: { type: string; id: string }[]; canCallSelf: boolean }) => {
        done.push(`resolve ${request.endpoints.map((e) => `${e.type}:${e.id}`).join(',')} self=${request.canCallSelf}`);
        return legs.map((leg) => ({ ...leg, forwarded: false, delaySeconds: 0, timeoutSeconds: 20 }));
      },
    },
    mediaServer: (address: string) => ({
      bgapi: async (command: string) => {
        done.push(`${address} bgapi ${command}`);
        return { body: '+OK' };
      },
    }),
    logger: { info() {}, debug() {}, warn() {} },
  } as unknown as MetaflowRunDeps;
  return { call, deps, done };
}

describe('konami intercept', () => {
  it("calls the target's devices but the pressing one, and the phone that answers intercepts the call", async () => {
    const { call, deps, done } = setUp([
      { endpoint: 'user/ann@a.example', deviceId: 'd-ann' },
      { endpoint: 'user/own@a.example', deviceId: 'd-own' },
    ]);
    expect(await intercept({ call, deps, data: { target_type: 'user', target_id: 'u1', auto_answer: true } })).toBe('stop');
    expect(done).toEqual([
      'resolve user:u1 self=true',
      '127.0.0.1:8021 bgapi originate {intercept_unbridged_only=true,originate_timeout=20,origination_caller_id_name=Caller,origination_caller_id_number=+15550001,sip_auto_answer=true}user/ann@a.example &intercept(chan-1)',
    ]);
  });

  it('takes a bridged call too with unbridged_only false; refuses a number target and a target with nobody to call', async () => {
    const { call, deps, done } = setUp([{ endpoint: 'user/ann@a.example', deviceId: 'd-ann' }]);
    await intercept({ call, deps, data: { target_type: 'device', target_id: 'd-ann', unbridged_only: false, can_call_self: false } });
    expect(done.at(-1)).toContain('{intercept_unbridged_only=false,');
    expect(done.at(-2)).toBe('resolve device:d-ann self=false');
    const before = done.length;
    await intercept({ call, deps, data: { target_type: 'number', target_id: '+15550100' } });
    expect(done).toHaveLength(before);
    const nobody = setUp([{ endpoint: 'user/own@a.example', deviceId: 'd-own' }]);
    await intercept({ call: nobody.call, deps: nobody.deps, data: { target_type: 'device', target_id: 'd-own' } });
    expect(nobody.done).toEqual(['resolve device:d-own self=true']);
  });
});
