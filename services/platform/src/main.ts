import { apiGatewayModule } from '@voxmesh/api-gateway';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { runPlatform, type ServiceModule } from '@voxmesh/runtime';
import { webhookManagerModule } from '@voxmesh/webhook-manager';

/** The services `npm start` runs, in start order. Each service issue adds its module here. */
const modules: ServiceModule[] = [customerManagerModule, flowManagerModule, webhookManagerModule, apiGatewayModule];

await runPlatform(modules);
