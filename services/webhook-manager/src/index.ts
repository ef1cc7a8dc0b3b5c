export { webhookManagerModule, SERVICE } from './main.js';
export { webhookFlags, webhookConfigFrom, type WebhookConfig } from './config.js';
export { migrations } from './migrations.js';
export { SIGNATURE_HEADER, signatureOf, verifySignature } from './domain/signature.js';
export { formEncode } from './domain/encoding.js';
export { HttpSender, type HttpOutcome } from './delivery/http-sender.js';
export { TargetGuard, isPrivateAddress } from './delivery/target-guard.js';
