export { callManagerModule, type CallManagerHandle } from './main.js';
export { callManagerFlags, settingsFrom, type CallManagerSettings } from './config.js';
export { migrations } from './migrations.js';
