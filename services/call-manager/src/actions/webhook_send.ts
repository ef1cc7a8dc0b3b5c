import { flowLevel } from './refused.js';

/** `webhook_send`: run by flow-manager; refused if it ever reaches a call. */
export const webhookSend = flowLevel<'webhook_send'>();
