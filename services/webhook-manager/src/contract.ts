import { webhookManager } from '@voxmesh/contracts';

/** The contract's names this service uses, under short local names. */
export const contract = webhookManager.webhookManagerContract;
export type WebhookManagerRoutes = webhookManager.WebhookManagerRoutes;

export type Webhook = webhookManager.Webhook;
export type WebhookFields = webhookManager.WebhookFields;
export type WebhookSettings = webhookManager.WebhookSettings;
export type Attempt = webhookManager.Attempt;
export type AttemptView = webhookManager.AttemptView;
export type HookType = webhookManager.HookType;
export type ObjectType = webhookManager.ObjectType;
export type ObjectAction = webhookManager.ObjectAction;
export type NotificationType = webhookManager.NotificationType;
export type ChannelEventData = webhookManager.ChannelEventData;
export type AccountEventData = webhookManager.AccountEventData;
export type WebhookDisabledEventData = webhookManager.WebhookDisabledEventData;

export const {
  webhookInputSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookDefaults,
  channelEventDataSchema,
  accountEventDataSchema,
  resourceEventDataSchema,
  flowEventDataSchema,
  activeflowEventDataSchema,
  callEventDataSchema,
  recordingEventDataSchema,
  webhookDisabledEventDataSchema,
  hookCatalogue,
  hookSamples,
  hookSampleNames,
  sampleHookOf,
  attemptView,
  hookTypes,
  channelHookTypes,
  channelEventTypes,
  GREGORIAN_OFFSET_SECONDS,
  MAX_RETRIES,
} = webhookManager;
