import { InProcessBroker } from '../src/index.js';
import { transportSuite } from './transport-suite.js';

transportSuite('in-process bus', async (count) => {
  const broker = new InProcessBroker();
  return { brokers: Array.from({ length: count }, () => broker), close: () => broker.close() };
});
