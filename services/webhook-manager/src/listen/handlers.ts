import type { RouteHandlers } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import { TargetRefused, type TargetGuard } from '@voxmesh/http-guard';
import { attemptView, hookCatalogue, hookSampleNames, hookSamples, sampleHookOf, type Attempt, type AttemptView, type WebhookManagerRoutes } from '../contract.js';
import type { AttemptRepository } from '../db/attempt-repository.js';
import type { EventIntake } from '../domain/intake.js';
import type { WebhookService } from '../domain/webhook-service.js';

export interface HandlerDependencies {
  webhooks: WebhookService;
  attempts: AttemptRepository;
  intake: EventIntake;
  guard: TargetGuard;
}

/** One handler per route of the contract; validation of params, query and body happened already. */
export function routeHandlers({ webhooks, attempts, intake, guard }: HandlerDependencies): RouteHandlers<WebhookManagerRoutes> {
  return {
    listHookTypes: async () => [...hookCatalogue],
    listHookSamples: async () => [...hookSampleNames],
    getHookSample: async ({ params }) => {
      const hook = sampleHookOf(params.hook);
      if (hook === undefined) throw VoipError.notFound(`no samples named ${params.hook.slice(0, 64)}`);
      return [...hookSamples[hook]!];
    },
    createWebhook: async ({ params, body }) => webhooks.create(params.account_id, body),
    listWebhooks: async ({ params, query }) => webhooks.list(params.account_id, query.page_size, query.page_token),
    reenableWebhooks: async ({ params, body }) => ({ result: await webhooks.reenable(params.account_id, body.descendants) }),
    getWebhook: async ({ params }) => webhooks.get(params.account_id, params.id),
    replaceWebhook: async ({ params, body }) => webhooks.replace(params.account_id, params.id, body),
    patchWebhook: async ({ params, body }) => webhooks.patch(params.account_id, params.id, body),
    deleteWebhook: async ({ params }) => webhooks.delete(params.account_id, params.id),
    listWebhookAttempts: async ({ params, query }) => {
      await webhooks.get(params.account_id, params.id);
      return viewed(await attempts.list({ accountId: params.account_id, hookId: params.id, result: query.result, pageSize: query.page_size, pageToken: query.page_token }));
    },
    listAccountAttempts: async ({ params, query }) =>
      viewed(await attempts.list({ accountId: params.account_id, hookId: query.hook_id, result: query.result, pageSize: query.page_size, pageToken: query.page_token })),
    getWebhookSettings: async ({ params }) => webhooks.settings(params.account_id),
    updateWebhookSettings: async ({ params, body }) => webhooks.updateSettings(params.account_id, body),
    sendToDestination: async ({ body }, context) => {
      try {
        guard.checkUrl(new URL(body.uri));
      } catch (error) {
        if (error instanceof TargetRefused) throw VoipError.invalidArgument('data.uri', `uri refused: ${error.message}`);
        throw error;
      }
      const delivery = await intake.enqueueDestination({
        accountId: body.account_id,
        uri: body.uri,
        method: body.method,
        dataType: body.data_type,
        data: body.data,
        requestId: context.requestId,
      });
      return { id: delivery.id, event_id: delivery.eventId, state: 'queued' as const };
    },
  };
}

function viewed<T extends { result: Attempt[] }>(page: T): T & { result: AttemptView[] } {
  return { ...page, result: page.result.map(attemptView) };
}
