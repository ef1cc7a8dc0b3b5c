import { runStandalone } from '@voxmesh/runtime';
import { customerManagerModule } from './main.js';

await runStandalone(customerManagerModule);
