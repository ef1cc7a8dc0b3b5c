import { openAmqpBrokers } from './amqp-broker.js';
import { transportSuite } from './transport-suite.js';

transportSuite('RabbitMQ', openAmqpBrokers);
