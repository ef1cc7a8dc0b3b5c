import type { FlagSpec, FlagValue } from '@voxmesh/config';

/**
 * webhook-manager's own flags, beyond the common ones. Defaults suit production; the
 * tests shorten the timings and allow private targets.
 */
export interface WebhookConfig {
  /** Deliver to private, loopback and link-local addresses (development and tests only). */
  allowPrivate: boolean;
  /** Targets on this machine only (a receiver beside `npm start`); private networks stay closed. */
  allowLoopback: boolean;
  /** Deliveries worked on at once by one replica (the delivery queue's prefetch); most of them wait on the database. */
  concurrency: number;
  /** HTTP connections open at once to one receiver. */
  maxConnections: number;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** A response body is read up to this many bytes, then the rest is dropped. */
  responseLimitBytes: number;
  /** The first retry waits about this long; each later one twice as long, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts for deliveries that have no hook (account-level, activeflow, webhook_send). */
  defaultRetries: number;
  /** Auto-disable: this many failures within the window turn a hook off (per-account override). */
  disableFailures: number;
  disableWindowMs: number;
  /** How often one replica looks for deliveries whose wake-up message was lost. */
  sweepIntervalMs: number;
  /** Finished deliveries and attempts are deleted after this many days. */
  retentionDays: number;
}

const positive = (value: FlagValue) => (Number(value) > 0 ? undefined : 'must be greater than 0');

export const webhookFlags: FlagSpec[] = [
  { name: 'webhook_allow_private', type: 'bool', usage: 'allow webhook targets on private, loopback and link-local addresses.', default: false },
  { name: 'webhook_allow_loopback', type: 'bool', usage: 'allow webhook targets on this machine (127.0.0.1, ::1, localhost) while private networks stay closed; on by default under npm start on the embedded stand-ins.', default: false },
  { name: 'webhook_concurrency', type: 'int', usage: 'webhook deliveries in flight per replica.', default: 256, check: positive },
  { name: 'webhook_max_connections', type: 'int', usage: 'HTTP connections open at once to one webhook receiver, per replica.', default: 64, check: positive },
  { name: 'webhook_connect_timeout_ms', type: 'int', usage: 'webhook connect timeout in ms.', default: 5000, check: positive },
  { name: 'webhook_request_timeout_ms', type: 'int', usage: 'webhook whole-request timeout in ms.', default: 15000, check: positive },
  { name: 'webhook_response_limit_bytes', type: 'int', usage: 'bytes of a webhook response body read at most.', default: 65536, check: positive },
  { name: 'webhook_retry_base_ms', type: 'int', usage: 'delay before the first webhook retry in ms (doubles each try, with jitter).', default: 2000, check: positive },
  { name: 'webhook_retry_max_ms', type: 'int', usage: 'longest delay between webhook retries in ms.', default: 300000, check: positive },
  {
    name: 'webhook_default_retries',
    type: 'int',
    usage: 'attempts for deliveries without a hook (account webhook_uri, activeflow, webhook_send), 1 to 5.',
    default: 3,
    check: (value) => (Number(value) >= 1 && Number(value) <= 5 ? undefined : 'must be 1..5'),
  },
  { name: 'webhook_disable_failures', type: 'int', usage: 'failed attempts within the window that disable a hook.', default: 6, check: positive },
  { name: 'webhook_disable_window_ms', type: 'int', usage: 'window in ms in which failed attempts are counted.', default: 60000, check: positive },
  { name: 'webhook_sweep_interval_ms', type: 'int', usage: 'how often stalled deliveries are looked for, in ms.', default: 5000, check: positive },
  { name: 'webhook_retention_days', type: 'int', usage: 'days finished deliveries and attempts are kept.', default: 30, check: positive },
];

export function webhookConfigFrom(values: Record<string, FlagValue>): WebhookConfig {
  const int = (name: string) => {
    const spec = webhookFlags.find((flag) => flag.name === name)!;
    return Number(values[name] ?? spec.default);
  };
  return {
    allowPrivate: Boolean(values.webhook_allow_private ?? false),
    allowLoopback: Boolean(values.webhook_allow_loopback ?? false),
    concurrency: int('webhook_concurrency'),
    maxConnections: int('webhook_max_connections'),
    connectTimeoutMs: int('webhook_connect_timeout_ms'),
    requestTimeoutMs: int('webhook_request_timeout_ms'),
    responseLimitBytes: int('webhook_response_limit_bytes'),
    retryBaseMs: int('webhook_retry_base_ms'),
    retryMaxMs: int('webhook_retry_max_ms'),
    defaultRetries: int('webhook_default_retries'),
    disableFailures: int('webhook_disable_failures'),
    disableWindowMs: int('webhook_disable_window_ms'),
    sweepIntervalMs: int('webhook_sweep_interval_ms'),
    retentionDays: int('webhook_retention_days'),
  };
}
