import { checkListenAddr, type FlagSpec, type FlagValue } from '@voxmesh/config';

/** The gateway's own flags, beyond the common ones. A rate of 0 turns that limit off. */
export interface GatewayConfig {
  httpListenAddr: string;
  wsListenAddr: string;
  /** The master account's API key; generated at first start when empty. */
  masterApiKey: string;
  masterAccountName: string;
  /** Where the master key is kept between starts (`npm start` sets it in its data directory); empty: nowhere. */
  masterApiKeyFile: string;
  /** Requests per second (and burst) one client address may make. */
  ipRate: number;
  ipBurst: number;
  /** Requests per second (and burst) one account's tokens may make, together. */
  accountRate: number;
  accountBurst: number;
  /** api_auth / user_auth attempts per second (and burst) per client address. */
  authRate: number;
  authBurst: number;
  /** Websocket connections one client address may hold (429 on the upgrade past it). */
  wsMaxPerIp: number;
  /** Websocket messages per second (and burst) one socket may send. */
  wsRate: number;
  wsBurst: number;
  /** How often sockets are pinged; one that misses two pings is closed. */
  wsPingMs: number;
  maxBodyBytes: number;
  /** How long a validated token is trusted before customer-manager is asked again. */
  tokenCacheMs: number;
  /** Take the client address from X-Forwarded-For (behind a load balancer). */
  trustProxy: boolean;
  /** How the API is reached from outside, for the banner and the OpenAPI servers list. */
  publicUrl: string;
  /** Deadline of a forwarded request. */
  rpcTimeoutMs: number;
}

const nonNegative = (value: FlagValue) => (Number(value) >= 0 ? undefined : 'must be 0 or more');
const positive = (value: FlagValue) => (Number(value) > 0 ? undefined : 'must be greater than 0');
const listen = (value: FlagValue) => checkListenAddr(String(value));

export const gatewayFlags: FlagSpec[] = [
  { name: 'http_listen_addr', type: 'string', usage: 'where the REST API listens.', default: ':8000', check: listen },
  { name: 'ws_listen_addr', type: 'string', usage: 'where the websocket (blackhole) server listens.', default: ':5555', check: listen },
  { name: 'master_api_key', type: 'string', usage: "the master account's API key (generated at first start when empty).", default: '', env: 'MASTER_API_KEY', check: (v) => (String(v) === '' || String(v).length >= 16 ? undefined : 'must be at least 16 characters') },
  { name: 'master_api_key_file', type: 'string', usage: 'a file keeping the master API key between starts, readable only by its owner (npm start keeps it in -data_dir).', default: '' },
  { name: 'master_account_name', type: 'string', usage: 'the name of the master account made at first start.', default: 'master' },
  { name: 'rate_limit_ip_rps', type: 'int', usage: 'requests per second per client address (0: no limit).', default: 200, check: nonNegative },
  { name: 'rate_limit_ip_burst', type: 'int', usage: 'request burst per client address.', default: 400, check: nonNegative },
  { name: 'rate_limit_account_rps', type: 'int', usage: 'requests per second per account (0: no limit).', default: 100, check: nonNegative },
  { name: 'rate_limit_account_burst', type: 'int', usage: 'request burst per account.', default: 200, check: nonNegative },
  { name: 'rate_limit_auth_rps', type: 'int', usage: 'api_auth and user_auth attempts per second per client address (0: no limit).', default: 5, check: nonNegative },
  { name: 'rate_limit_auth_burst', type: 'int', usage: 'api_auth and user_auth burst per client address.', default: 20, check: nonNegative },
  { name: 'ws_max_connections_per_ip', type: 'int', usage: 'websocket connections per client address (0: no limit).', default: 50, check: nonNegative },
  { name: 'ws_rate_limit_rps', type: 'int', usage: 'websocket messages per second per socket (0: no limit).', default: 20, check: nonNegative },
  { name: 'ws_rate_limit_burst', type: 'int', usage: 'websocket message burst per socket.', default: 50, check: nonNegative },
  { name: 'ws_ping_ms', type: 'int', usage: 'websocket keepalive ping interval in ms.', default: 30_000, check: positive },
  { name: 'http_max_body_bytes', type: 'int', usage: 'largest request body in bytes (413 past it).', default: 1_048_576, check: positive },
  { name: 'auth_token_cache_ms', type: 'int', usage: 'how long a validated auth token is trusted without asking customer-manager, in ms.', default: 10_000, check: nonNegative },
  { name: 'trust_proxy', type: 'bool', usage: 'take the client address from X-Forwarded-For.', default: false },
  { name: 'public_url', type: 'string', usage: 'how clients reach the API (default: derived from -http_listen_addr).', default: '' },
  { name: 'api_rpc_timeout_ms', type: 'int', usage: 'deadline of a request forwarded to a service, in ms.', default: 5000, check: positive },
];

export function gatewayConfigFrom(values: Record<string, FlagValue>): GatewayConfig {
  const int = (name: string) => Number(values[name] ?? gatewayFlags.find((flag) => flag.name === name)!.default);
  const str = (name: string) => String(values[name] ?? gatewayFlags.find((flag) => flag.name === name)!.default);
  return {
    httpListenAddr: str('http_listen_addr'),
    wsListenAddr: str('ws_listen_addr'),
    masterApiKey: str('master_api_key'),
    masterAccountName: str('master_account_name'),
    masterApiKeyFile: str('master_api_key_file'),
    ipRate: int('rate_limit_ip_rps'),
    ipBurst: int('rate_limit_ip_burst'),
    accountRate: int('rate_limit_account_rps'),
    accountBurst: int('rate_limit_account_burst'),
    authRate: int('rate_limit_auth_rps'),
    authBurst: int('rate_limit_auth_burst'),
    wsMaxPerIp: int('ws_max_connections_per_ip'),
    wsRate: int('ws_rate_limit_rps'),
    wsBurst: int('ws_rate_limit_burst'),
    wsPingMs: int('ws_ping_ms'),
    maxBodyBytes: int('http_max_body_bytes'),
    tokenCacheMs: int('auth_token_cache_ms'),
    trustProxy: Boolean(values.trust_proxy ?? false),
    publicUrl: str('public_url'),
    rpcTimeoutMs: int('api_rpc_timeout_ms'),
  };
}
