import { runPlatform } from '@voxmesh/runtime';
import { firstSteps } from './first-steps.js';
import { platformModules } from './modules.js';
import { supUsage } from './sup-usage.js';

await runPlatform(platformModules, process.argv.slice(2), (platform) => [firstSteps(platform), supUsage(platform)].filter((part) => part !== '').join('\n'));
