import type { webhookManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import type { WebhookRequest, WebhookSender } from '../actions/types.js';

/** webhook-manager's `sendToDestination` route: the webhook_send action's delivery. */
export class WebhookManagerSender implements WebhookSender {
  constructor(private readonly client: RpcClient<webhookManager.WebhookManagerRoutes>) {}

  async send(request: WebhookRequest, timeoutMs: number, key: string): Promise<void> {
    // webhook-manager derives the delivery's event id from the request id.
    await this.client.call('sendToDestination', { body: request }, { timeoutMs, requestId: key });
  }
}
