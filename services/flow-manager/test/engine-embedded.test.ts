import { engineSuite } from './engine-suite.js';

engineSuite('embedded');
