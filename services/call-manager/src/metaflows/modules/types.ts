import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { callManager, flowManager } from '@voxmesh/contracts';
import type { z } from 'zod';
import type { Call, CreateCallsBody } from '../../contract.js';
import type { ConfbridgeService } from '../../calls/confbridges.js';
import type { EndpointDirectory } from '../../calls/endpoint-directory.js';
import type { HeldCall } from '../../calls/live-call.js';
import type { CallRegistry } from '../../calls/registry.js';
import type { KeyWaiters } from '../key-waiters.js';
import { peerOf } from '../peer.js';

/** What a module's run leads to: the `_` child, a named child (falling back to `_`), or the end. */
export type MetaflowOutcome = 'continue' | 'stop' | { branch: string };

export interface MetaflowRunDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  /** Devices and users to call (intercept's target, move's other devices). */
  endpoints: Pick<EndpointDirectory, 'resolve'>;
  /** A call's media server by its address, for commands about no one channel (intercept's originate). */
  mediaServer(address: string): { bgapi(command: string, timeoutMs: number): Promise<{ body: string }> } | undefined;
  registry: CallRegistry;
  /** Keys a module waits for on a call (hold's unhold key). */
  keys: KeyWaiters;
  /** speak's engine when a tts names none. */
  ttsEngine: string;
  /** Where a connect's members are swapped for other calls (move, transfer). */
  confbridges: Pick<ConfbridgeService, 'watch'>;
  /** Dials outgoing calls, as `POST /v1/calls` does. */
  dial: (body: CreateCallsBody) => Promise<Call[]>;
  logger: Logger;
}

type DataOf<M extends callManager.RunnableMetaflowModule> = z.output<(typeof flowManager.metaflowModuleCatalog)[M]['data']>;

/** One run of one konami module on a call: the call whose leg pressed the digits (or the API named), and the node's data. */
export interface MetaflowRun<M extends callManager.RunnableMetaflowModule> {
  readonly call: HeldCall;
  readonly data: DataOf<M> & { collected?: string; captured?: string[]; dtmf_leg?: string };
  readonly deps: MetaflowRunDeps;
}

/** Runs a module on the call's queue; resolves once the media server took what it asked. */
export type MetaflowHandler<M extends callManager.RunnableMetaflowModule> = (run: MetaflowRun<M>) => Promise<MetaflowOutcome>;

/** The calls a module acts on for a `leg` of self, peer or both (peer: the other leg of the call, when held here). */
export function legsOf(run: { call: HeldCall; deps: MetaflowRunDeps }, leg: 'self' | 'peer' | 'both'): HeldCall[] {
  const peer = peerOf(run.call, run.deps.registry);
  if (leg === 'self') return [run.call];
  if (leg === 'peer') return peer ? [peer] : [];
  return peer ? [run.call, peer] : [run.call];
}
