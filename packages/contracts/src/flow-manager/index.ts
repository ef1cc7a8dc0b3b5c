export * from './ids.js';
export * from './actions/index.js';
export * from './modules/index.js';
export * from './metaflow-modules/index.js';
export * from './flow.js';
export * from './activeflow.js';
export * from './events.js';
export * from './contract.js';
