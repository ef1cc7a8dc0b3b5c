export { customerManagerModule, SERVICE } from './main.js';
export { customerFlags, customerConfigFrom, type CustomerConfig } from './config.js';
export { migrations } from './migrations.js';
export { credentialsOf } from './domain/secrets.js';
