export * from './flags.js';
export * from './addresses.js';
export * from './service-config.js';
