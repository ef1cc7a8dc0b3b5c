import { runStandalone } from '@voxmesh/runtime';
import { webhookManagerModule } from './main.js';

await runStandalone(webhookManagerModule);
