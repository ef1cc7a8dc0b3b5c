import type { RpcClient } from '@voxmesh/mesh';
import type { RouteTable } from '@voxmesh/wire';
import type { WebhookRequest, WebhookSender } from '../actions/types.js';

/**
 * webhook-manager's `POST /v1/webhook_destinations` (its webhook_send route), sent by
 * uri so this service does not depend on that service's build.
 */
export class WebhookManagerSender implements WebhookSender {
  constructor(private readonly client: RpcClient<RouteTable>) {}

  async send(request: WebhookRequest, timeoutMs: number): Promise<void> {
    await this.client.request('POST', '/v1/webhook_destinations', request, { timeoutMs });
  }
}
