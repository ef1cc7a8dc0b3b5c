import type { callManager, customerManager, flowManager, webhookManager } from '@voxmesh/contracts';
import type { CallOptions, RpcClient } from '@voxmesh/mesh';

/** The services the gateway calls, each through the client its contract derives. */
export interface Clients {
  customers: RpcClient<customerManager.CustomerManagerRoutes>;
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  webhooks: RpcClient<webhookManager.WebhookManagerRoutes>;
  calls: RpcClient<callManager.CallManagerRoutes>;
}

/**
 * The options of a call made for an API request: its id, and the gateway's deadline
 * (`api_rpc_timeout_ms`) rather than the route's, so that a live-control request or a
 * listing never keeps the client waiting longer than the API promises.
 */
export type Deadline = (requestId: string) => CallOptions;

export function deadline(timeoutMs: number): Deadline {
  return (requestId) => ({ timeoutMs, requestId });
}
