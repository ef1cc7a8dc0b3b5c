import os from 'node:os';
import { checkListenAddr, type FlagSpec, type FlagValue } from '@voxmesh/config';

const positive = (value: FlagValue) => (Number(value) >= 1 ? undefined : 'must be at least 1');

/** `host:port[,host:port…]`: every media server's inbound event socket. */
export function parseEslAddrs(value: string): { host: string; port: number; address: string }[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((address) => {
      const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address);
      if (!match) throw new Error(`${address} is not host:port`);
      const port = Number(match[3]);
      if (port < 1 || port > 65535) throw new Error(`${address}: the port must be 1 to 65535`);
      return { host: match[1] ?? match[2]!, port, address };
    });
}

function checkEslAddrs(value: FlagValue): string | undefined {
  try {
    return parseEslAddrs(String(value)).length === 0 ? 'give at least one host:port' : undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** call-manager's own flags, beside the common ones of every service. */
export const callManagerFlags: FlagSpec[] = [
  { name: 'esl_addr', type: 'string', usage: "media servers' inbound event sockets, host:port, comma-separated.", default: '127.0.0.1:8021', check: checkEslAddrs },
  { name: 'esl_password', type: 'string', usage: 'the event-socket password.', default: 'ClueCon' },
  {
    name: 'esl_listen_addr',
    type: 'string',
    usage: "where FreeSWITCH's outbound sockets (dialplan `socket <addr> async full`) connect.",
    default: ':8084',
    check: (value) => checkListenAddr(String(value)),
  },
  { name: 'esl_gateway', type: 'string', usage: 'the FreeSWITCH gateway that carries tel destinations.', default: 'pstn' },
  { name: 'max_call_duration_ms', type: 'int', usage: 'calls still up after this long are hung up (reason timeout).', default: 3_600_000, check: positive },
  { name: 'ring_timeout_s', type: 'int', usage: 'how long an outgoing call rings before it is given up (noanswer).', default: 60, check: positive },
  { name: 'recording_dir', type: 'string', usage: "where the media server writes recordings.", default: '/var/lib/voxmesh/recordings' },
  { name: 'recording_upload_allow_private', type: 'bool', usage: 'let recording uploads (a recording `url`), outbound fax documents and media fetched by `url` reach private and loopback addresses (development only).', default: false },
  { name: 'recording_upload_timeout_ms', type: 'int', usage: 'longest one recording upload may take.', default: 30_000, check: positive },
  { name: 'tts_engine', type: 'string', usage: 'the speak engine when a talk action names none.', default: 'flite' },
  { name: 'rpc_concurrency', type: 'int', usage: 'requests worked on at once (the broker prefetch).', default: 128, check: positive },
  {
    name: 'route_hold_max_ms',
    type: 'int',
    usage: 'a new call whose routing cannot be reached (the broker away) is held ringing and tried again for this long, then rejected (0: rejected at once).',
    default: 10_000,
    check: (value) => (Number(value) >= 0 ? undefined : 'must be 0 or more'),
  },
  {
    name: 'next_hold_max_ms',
    type: 'int',
    usage: "a running call whose next action cannot be asked for because this replica's broker connection is down waits this long for it, then is hung up (0: the usual two retries only).",
    default: 10_000,
    check: (value) => (Number(value) >= 0 ? undefined : 'must be 0 or more'),
  },
  {
    name: 'instance_id',
    type: 'string',
    usage: 'this replica\'s name, stored with the calls it holds so that it finds them after a restart.',
    default: os.hostname(),
    check: (value) => (String(value).trim() === '' ? 'must not be empty' : undefined),
  },
  {
    name: 'instance_ttl_ms',
    type: 'int',
    usage: 'a replica whose heartbeat is older than this is gone, and the calls it held are taken over.',
    default: 15_000,
    check: (value) => (Number(value) >= 100 ? undefined : 'must be at least 100'),
  },
  {
    name: 'shutdown_grace_ms',
    type: 'int',
    usage: 'on SIGTERM, how long calls may go on before the rest are hung up.',
    default: 10_000,
    check: (value) => (Number(value) >= 0 ? undefined : 'must be 0 or more'),
  },
];

export interface CallManagerSettings {
  eslAddrs: { host: string; port: number; address: string }[];
  eslPassword: string;
  eslListenAddr: string;
  eslGateway: string;
  maxCallDurationMs: number;
  ringTimeoutS: number;
  recordingDir: string;
  recordingUploadAllowPrivate: boolean;
  recordingUploadTimeoutMs: number;
  ttsEngine: string;
  rpcConcurrency: number;
  routeHoldMaxMs: number;
  nextHoldMaxMs: number;
  instanceId: string;
  instanceTtlMs: number;
  shutdownGraceMs: number;
}

/** Reads the settings from the parsed flags, falling back to the defaults for any left out. */
export function settingsFrom(flags: Record<string, FlagValue>): CallManagerSettings {
  const value = (name: string): FlagValue => flags[name] ?? callManagerFlags.find((spec) => spec.name === name)!.default;
  return {
    eslAddrs: parseEslAddrs(String(value('esl_addr'))),
    eslPassword: String(value('esl_password')),
    eslListenAddr: String(value('esl_listen_addr')),
    eslGateway: String(value('esl_gateway')),
    maxCallDurationMs: Number(value('max_call_duration_ms')),
    ringTimeoutS: Number(value('ring_timeout_s')),
    recordingDir: String(value('recording_dir')).replace(/\/+$/, ''),
    recordingUploadAllowPrivate: value('recording_upload_allow_private') === true,
    recordingUploadTimeoutMs: Number(value('recording_upload_timeout_ms')),
    ttsEngine: String(value('tts_engine')),
    rpcConcurrency: Number(value('rpc_concurrency')),
    routeHoldMaxMs: Number(value('route_hold_max_ms')),
    nextHoldMaxMs: Number(value('next_hold_max_ms')),
    instanceId: String(value('instance_id')),
    instanceTtlMs: Number(value('instance_ttl_ms')),
    shutdownGraceMs: Number(value('shutdown_grace_ms')),
  };
}
