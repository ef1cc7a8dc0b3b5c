import { Counter, type Registry } from '@voxmesh/telemetry';

/** What the RPC server's per-route metrics do not show: how logins and token checks go. */
export class CustomerMetrics {
  readonly logins: Counter<'method' | 'result'>;
  readonly tokenChecks: Counter<'result'>;

  constructor(registry: Registry) {
    this.logins = new Counter({
      name: 'customer_manager_logins_total',
      help: 'api_auth and user_auth attempts, by method and result (ok, denied).',
      labelNames: ['method', 'result'],
      registers: [registry],
    });
    this.tokenChecks = new Counter({
      name: 'customer_manager_token_checks_total',
      help: 'Auth token validations, by result (ok, denied).',
      labelNames: ['result'],
      registers: [registry],
    });
  }
}
