import type { RpcClient } from '@voxmesh/mesh';
import type { RouteTable } from '@voxmesh/wire';
import { VoipError } from '@voxmesh/wire';
import type { CallControl } from '../actions/types.js';

/**
 * call-manager as connect and forward_now use it, in voipbin's uris: create a confbridge,
 * create the outgoing calls, and make a call ask for its next action now.
 */
export class CallManagerControl implements CallControl {
  constructor(private readonly client: RpcClient<RouteTable>) {}

  async createConfbridge(request: { account_id: string; activeflow_id: string; reference_id: string }, timeoutMs: number): Promise<{ id: string }> {
    const reply = (await this.client.request('POST', '/v1/confbridges', { ...request, type: 'connect' }, { timeoutMs })) as { id?: unknown } | undefined;
    if (typeof reply?.id !== 'string') throw VoipError.internal('call-manager made a confbridge without an id');
    return { id: reply.id };
  }

  /** Returns the ids of the legs made, which connect's relay_reason needs. */
  async createCalls(request: Parameters<CallControl['createCalls']>[0], timeoutMs: number): Promise<{ callIds: string[] }> {
    const reply = (await this.client.request('POST', '/v1/calls', request, { timeoutMs })) as { calls?: unknown } | undefined;
    const calls = Array.isArray(reply?.calls) ? reply.calls : [];
    return { callIds: calls.map((call) => (call as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string') };
  }

  async actionNext(callId: string, force: boolean): Promise<void> {
    await this.client.request('POST', `/v1/calls/${encodeURIComponent(callId)}/action-next`, { force });
  }
}
