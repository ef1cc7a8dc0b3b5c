export * from './envelope.js';
export * from './errors.js';
export * from './routes.js';
export * from './validation.js';
export * from './json.js';
export * from './events.js';
