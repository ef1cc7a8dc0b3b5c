import { z } from 'zod';
import { defineContract } from '@voxmesh/wire';
import { attemptQuerySchema, attemptViewSchema } from './attempt.js';
import { hookTypeInfoSchema } from './hooks.js';
import {
  destinationInputSchema,
  pageOf,
  pageQuerySchema,
  queuedDeliverySchema,
  reenableSchema,
  webhookInputSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookSettingsPatchSchema,
  webhookSettingsSchema,
} from './webhook.js';

/**
 * webhook-manager's route table. Webhooks live under their account, as in crossbar
 * (`/v2/accounts/{A}/webhooks`), so the gateway forwards paths unchanged; the verbs are
 * REST's (POST creates on the collection, PUT replaces, PATCH merges).
 */
export const webhookManagerContract = defineContract('webhook-manager', {
  listHookTypes: {
    method: 'GET',
    path: '/v1/hook_types',
    summary: 'The hook types a webhook can subscribe to, with descriptions and modifiers (GET /v2/webhooks).',
    reply: z.array(hookTypeInfoSchema),
  },
  listHookSamples: {
    method: 'GET',
    path: '/v1/hook_samples',
    summary: "The names of the sample payloads, as Kazoo names them (webhooks_channel_create, …).",
    reply: z.array(z.string()),
  },
  getHookSample: {
    method: 'GET',
    path: '/v1/hook_samples/:hook',
    summary: "Example payloads of one hook type, by Kazoo's sample name or the hook's.",
    reply: z.array(z.record(z.string(), z.unknown())),
  },
  createWebhook: {
    method: 'POST',
    path: '/v1/accounts/:account_id/webhooks',
    body: webhookInputSchema,
    reply: webhookSchema,
  },
  listWebhooks: {
    method: 'GET',
    path: '/v1/accounts/:account_id/webhooks',
    query: pageQuerySchema,
    reply: pageOf(webhookSchema),
    timeoutMs: 10_000,
  },
  reenableWebhooks: {
    method: 'PATCH',
    path: '/v1/accounts/:account_id/webhooks',
    summary: 'Re-enables the hooks the disabler turned off (and only those).',
    body: reenableSchema,
    reply: z.object({ result: z.array(webhookSchema) }),
    timeoutMs: 10_000,
  },
  getWebhook: {
    method: 'GET',
    path: '/v1/accounts/:account_id/webhooks/:id',
    reply: webhookSchema,
  },
  replaceWebhook: {
    method: 'PUT',
    path: '/v1/accounts/:account_id/webhooks/:id',
    body: webhookInputSchema,
    reply: webhookSchema,
  },
  patchWebhook: {
    method: 'PATCH',
    path: '/v1/accounts/:account_id/webhooks/:id',
    body: webhookPatchSchema,
    reply: webhookSchema,
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/v1/accounts/:account_id/webhooks/:id',
    reply: webhookSchema,
  },
  listWebhookAttempts: {
    method: 'GET',
    path: '/v1/accounts/:account_id/webhooks/:id/attempts',
    query: attemptQuerySchema.omit({ hook_id: true }),
    reply: pageOf(attemptViewSchema),
    timeoutMs: 10_000,
  },
  listAccountAttempts: {
    method: 'GET',
    path: '/v1/accounts/:account_id/webhook_attempts',
    query: attemptQuerySchema,
    reply: pageOf(attemptViewSchema),
    timeoutMs: 10_000,
  },
  getWebhookSettings: {
    method: 'GET',
    path: '/v1/accounts/:account_id/webhook_settings',
    reply: webhookSettingsSchema,
  },
  updateWebhookSettings: {
    method: 'PATCH',
    path: '/v1/accounts/:account_id/webhook_settings',
    body: webhookSettingsPatchSchema,
    reply: webhookSettingsSchema,
  },
  sendToDestination: {
    method: 'POST',
    path: '/v1/webhook_destinations',
    summary: "The webhook_send flow action: deliver `data` to `uri`, signed with the account's secret. Replies once the delivery is persisted.",
    body: destinationInputSchema,
    reply: queuedDeliverySchema,
  },
});

export type WebhookManagerRoutes = typeof webhookManagerContract.routes;
