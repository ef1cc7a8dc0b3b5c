export * from './hooks.js';
export * from './hook-samples.js';
export * from './webhook.js';
export * from './attempt.js';
export * from './events.js';
export * from './routes.js';
