import { engineSuite } from './engine-suite.js';

engineSuite('servers');
