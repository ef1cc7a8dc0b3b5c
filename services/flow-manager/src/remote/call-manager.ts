import { callManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import type { z } from 'zod';
import { VoipError } from '@voxmesh/wire';
import type { CallControl } from '../actions/types.js';
import type { CallReader } from '../pivot/cdr.js';

type CreateCallsInput = z.input<typeof callManager.createCallsBodySchema>;

/**
 * call-manager as connect and forward_now use it, through its contract: create a
 * confbridge, create the outgoing calls, make a call ask for its next action now, and
 * read a call (Pivot's CDR).
 */
export class CallManagerControl implements CallControl, CallReader {
  constructor(private readonly client: RpcClient<callManager.CallManagerRoutes>) {}

  async createConfbridge(request: { account_id: string; activeflow_id: string; reference_id: string }, timeoutMs: number): Promise<{ id: string }> {
    const confbridge = await this.client.call('createConfbridge', { body: { ...request, type: 'connect' } }, { timeoutMs });
    return { id: confbridge.id };
  }

  /** Returns the ids of the legs made, which connect's relay_reason needs. */
  async createCalls(request: Parameters<CallControl['createCalls']>[0], timeoutMs: number): Promise<{ callIds: string[] }> {
    // connect's option schema has already narrowed these; call-manager checks them again.
    const { anonymous, destinations, ...rest } = request;
    const body: CreateCallsInput = { ...rest, destinations: destinations as callManager.Address[] };
    if (anonymous !== undefined) body.anonymous = anonymous as CreateCallsInput['anonymous'];
    const reply = await this.client.call('createCalls', { body }, { timeoutMs });
    return { callIds: reply.calls.map((call) => call.id) };
  }

  /** The call, for Pivot's CDR; undefined once call-manager no longer has it. */
  async getCall(id: string, timeoutMs: number): Promise<callManager.Call | undefined> {
    try {
      return await this.client.call('getCall', { params: { id } }, { timeoutMs });
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async actionNext(callId: string, force: boolean): Promise<void> {
    await this.client.call('actionNext', { params: { id: callId }, body: { force } });
  }
}
