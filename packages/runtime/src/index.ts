export * from './resources.js';
export * from './service.js';
export * from './platform.js';
export * from './migrate-only.js';
