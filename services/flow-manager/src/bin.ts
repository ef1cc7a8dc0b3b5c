import { runStandalone } from '@voxmesh/runtime';
import { flowManagerModule } from './main.js';

await runStandalone(flowManagerModule);
