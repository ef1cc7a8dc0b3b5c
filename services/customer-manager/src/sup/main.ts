import { commonFlags, formatUsage, FlagError, HelpRequested, parseBrokerAddr, parseFlags } from '@voxmesh/config';
import { customerManager } from '@voxmesh/contracts';
import { AmqpBroker, BreakerRegistry, MeshMetrics, RpcClient } from '@voxmesh/mesh';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import { readSupCommand, SUP_USAGE, SupUsageError } from './command.js';
import { formatSupValue, runSupCommand } from './run.js';

const ADDRESS_FLAGS = new Set(['rabbit_addr', 'rabbit_namespace', 'rabbit_exchange_delay', 'log_level']);

/** The address flags every service takes, and their environment variables: sup talks to the same broker. */
const specs = [
  ...commonFlags('customer-manager').filter((spec) => ADDRESS_FLAGS.has(spec.name)),
  { name: 'rabbit_queue_customer', type: 'string' as const, usage: "customer-manager's request queue (default <namespace>.customer-manager.request).", default: '' },
];

function usage(): string {
  return `${SUP_USAGE}\n\n${formatUsage('sup', specs)}`;
}

/** `sup`: Kazoo's admin command for account and system configuration; exits 0 done, 1 refused, 2 on a bad command line. */
export async function supMain(argv: string[], env: Record<string, string | undefined>, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let flags;
  let command;
  try {
    flags = parseFlags(specs, argv, env);
    command = readSupCommand(flags.rest);
  } catch (error) {
    if (error instanceof HelpRequested) {
      out(usage());
      return 0;
    }
    if (error instanceof FlagError || error instanceof SupUsageError) {
      err(`${error.message}\n${usage()}`);
      return 2;
    }
    throw error;
  }
  const target = parseBrokerAddr(String(flags.values.rabbit_addr));
  if (target.kind !== 'amqp') {
    err('sup reaches customer-manager over RabbitMQ; the embedded in-process bus lives inside the `npm start` process and no other process can reach it. Start the platform with -rabbit_addr amqp://… and give sup the same address.\n');
    return 1;
  }
  const namespace = String(flags.values.rabbit_namespace);
  const queue = String(flags.values.rabbit_queue_customer) || `${namespace}.customer-manager.request`;
  const broker = new AmqpBroker({ url: target.urls, delayExchange: String(flags.values.rabbit_exchange_delay), logger: silentLogger(), publishWaitMs: 2000 });
  try {
    await broker.start();
    const client = new RpcClient({
      contract: customerManager.customerManagerContract,
      broker,
      queue,
      publisher: 'sup',
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      breakers: new BreakerRegistry(),
    });
    out(`${formatSupValue(await runSupCommand(client, command))}\n`);
    return 0;
  } catch (error) {
    const failure = VoipError.from(error);
    err(`${failure.status}: ${failure.message}\n`);
    return 1;
  } finally {
    await broker.close().catch(() => undefined);
  }
}
