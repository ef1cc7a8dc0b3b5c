export {};
export * as webhookManager from './webhook-manager/index.js';
