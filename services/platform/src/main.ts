import { flowManagerModule } from '@voxmesh/flow-manager';
import { runPlatform, type ServiceModule } from '@voxmesh/runtime';

/** The services `npm start` runs, in start order. Each service issue adds its module here. */
const modules: ServiceModule[] = [flowManagerModule];

await runPlatform(modules);
