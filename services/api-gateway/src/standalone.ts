import { runStandalone } from '@voxmesh/runtime';
import { apiGatewayModule } from './main.js';

await runStandalone(apiGatewayModule);
