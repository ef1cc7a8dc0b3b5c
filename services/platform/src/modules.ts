import { apiGatewayModule } from '@voxmesh/api-gateway';
import { callManagerModule } from '@voxmesh/call-manager';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import type { ServiceModule } from '@voxmesh/runtime';
import { webhookManagerModule } from '@voxmesh/webhook-manager';
import { eslSimModule } from './esl-sim.js';

/** The services `npm start` runs, in start order. Each service issue adds its module here. */
export const platformModules: ServiceModule[] = [customerManagerModule, flowManagerModule, webhookManagerModule, eslSimModule, callManagerModule, apiGatewayModule];
