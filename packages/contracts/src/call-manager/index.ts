export * from './call.js';
export * from './recording.js';
export * from './media-file.js';
export * from './confbridge.js';
export * from './channel.js';
export * from './events.js';
export * from './contract.js';
