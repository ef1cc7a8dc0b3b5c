import { customerManager, flowManager, webhookManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { defineContract, type HttpMethod } from '@voxmesh/wire';

/**
 * call-manager has no contract in packages/contracts yet. Its routes are reached by uri
 * (voipbin's `/v1/calls…`, `/v1/channels…`) through a client of its request queue, so
 * until it runs the API answers 503 (no queue) or 504 (nobody answered), never hangs.
 */
export const callManagerQueueOnly = defineContract('call-manager', {});

export interface Clients {
  customers: RpcClient<customerManager.CustomerManagerRoutes>;
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  webhooks: RpcClient<webhookManager.WebhookManagerRoutes>;
  calls: RpcClient<typeof callManagerQueueOnly.routes>;
}

/** Forwards by uri with the request's id and the gateway's deadline. */
export interface Forwarder {
  (client: { request(method: HttpMethod, uri: string, data: unknown, options?: { timeoutMs?: number; requestId?: string }): Promise<unknown> }, method: HttpMethod, uri: string, data: unknown, requestId: string): Promise<unknown>;
}

export function forwarder(timeoutMs: number): Forwarder {
  return (client, method, uri, data, requestId) => client.request(method, uri, data, { timeoutMs, requestId });
}
