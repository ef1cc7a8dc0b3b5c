export {};
export * as webhookManager from './webhook-manager/index.js';
export * as flowManager from './flow-manager/index.js';
export * as customerManager from './customer-manager/index.js';
export * as callManager from './call-manager/index.js';
export { eventCatalogs, type EventCatalogs } from './events.js';
export { eventsMarkdown } from './events-doc.js';
