export { apiGatewayModule, SERVICE, API_VERSION, type GatewayHandle, type MasterAccount } from './main.js';
export { gatewayFlags, gatewayConfigFrom, type GatewayConfig } from './config.js';
