import type { StartedPlatform } from '@voxmesh/runtime';

/** Quotes a value for a POSIX shell. */
function shellQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The banner's lines on `bin/sup`, Kazoo's admin command (README, "sup"). sup reaches
 * customer-manager over RabbitMQ only: on a broker, the command with this platform's
 * address and customer-manager's queue; on the embedded bus, which lives inside this
 * process, how to start on a broker instead, and the REST call that does the same.
 * Empty when customer-manager is not running.
 */
export function supUsage(platform: StartedPlatform): string {
  const { lines } = platform;
  const queue = /\(queue (\S+)\)/.exec(lines['customer-manager'] ?? '')?.[1];
  if (!queue) return '';
  const broker = lines.broker ?? '';
  const example = 'kapps_config get metaflows default_metaflow';
  if (/^amqps?:\/\//.test(broker)) {
    const hidden = broker.includes(':***@') ? ' (*** is the broker password)' : '';
    return [`Admin commands (bin/sup -h lists them)${hidden}:`, `  bin/sup -rabbit_addr ${shellQuoted(broker)} -rabbit_queue_customer ${queue} ${example}`, ''].join('\n');
  }
  const api = /^(http:\/\/\S+)\/v2/.exec(lines['REST API'] ?? '')?.[1] ?? 'http://127.0.0.1:8000';
  return [
    'Admin commands: bin/sup talks over RabbitMQ, not this embedded bus. Start with',
    '  -rabbit_addr amqp://guest:guest@127.0.0.1:5672 and give sup the same flag, or use REST:',
    `  curl -s -X PATCH ${api}/v2/system_configs/metaflows -H "X-Auth-Token: $TOKEN" -d '{"data":{"default_metaflow":true}}'`,
    '',
  ].join('\n');
}
