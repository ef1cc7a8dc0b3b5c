import { runPlatform } from '@voxmesh/runtime';
import { platformModules } from './modules.js';

await runPlatform(platformModules);
