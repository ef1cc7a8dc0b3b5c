export * from './common.js';
export * from './account.js';
export * from './user.js';
export * from './device.js';
export * from './auth.js';
export * from './config.js';
export * from './events.js';
export * from './contract.js';
