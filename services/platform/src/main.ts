import { runPlatform } from '@voxmesh/runtime';
import { firstSteps } from './first-steps.js';
import { platformModules } from './modules.js';

await runPlatform(platformModules, process.argv.slice(2), firstSteps);
