export {};
export * as webhookManager from './webhook-manager/index.js';
export * as flowManager from './flow-manager/index.js';
export * as customerManager from './customer-manager/index.js';
