export { flowManagerModule } from './main.js';
export { flowManagerFlags, settingsFrom, type FlowManagerSettings } from './config.js';
export { migrations } from './migrations.js';
