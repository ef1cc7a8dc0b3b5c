import { runStandalone } from '@voxmesh/runtime';
import { callManagerModule } from './main.js';

await runStandalone(callManagerModule);
