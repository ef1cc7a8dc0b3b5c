import type { FlagSpec, FlagValue } from '@voxmesh/config';

const positive = (value: FlagValue) => (Number(value) >= 1 ? undefined : 'must be at least 1');

/**
 * flow-manager's own flags, beside the common ones of every service (the seed's). Each
 * limit is reported, when hit, by an error naming its flag and by
 * `flow_manager_limits_hit_total{limit}`.
 */
export const flowManagerFlags: FlagSpec[] = [
  { name: 'fetch_timeout_ms', type: 'int', usage: 'longest wait for a fetch (patch) answer, in ms.', default: 5000, check: positive },
  { name: 'fetch_allow_private', type: 'bool', usage: 'let fetch reach private and loopback addresses (development only).', default: false },
  { name: 'fetch_allow_loopback', type: 'bool', usage: 'let fetch and Pivot reach this machine (127.0.0.1, ::1, localhost) while private networks stay closed; on by default under npm start on the embedded stand-ins.', default: false },
  { name: 'max_executions', type: 'int', usage: 'actions one activeflow may execute in its life.', default: 1000, check: positive },
  { name: 'max_iterations', type: 'int', usage: 'actions one next request may run before reaching one for the call.', default: 1000, check: positive },
  { name: 'max_stack_depth', type: 'int', usage: 'stacks an activeflow may nest (fetch, fetch_flow, push_actions).', default: 100, check: positive },
  { name: 'max_flows_per_account', type: 'int', usage: 'flows one account may keep.', default: 10000, check: positive },
  { name: 'max_complete_chain', type: 'int', usage: 'follow-up flows (on_complete_flow_id) one run may chain.', default: 5, check: (value) => (Number(value) >= 0 ? undefined : 'must be 0 or more') },
  { name: 'step_timeout_ms', type: 'int', usage: 'longest one next step may run; the activeflow lock outlives it.', default: 20000, check: positive },
  { name: 'pivot_watchdog_ms', type: 'int', usage: 'longest a call may wait on Pivot (retries and fallback_url included) before it is ended.', default: 15000, check: positive },
  { name: 'pivot_debug_retention_hours', type: 'int', usage: 'how long the Pivot debug log keeps an exchange.', default: 72, check: positive },
  { name: 'rpc_concurrency', type: 'int', usage: 'requests worked on at once (the broker prefetch).', default: 64, check: positive },
];

export interface FlowManagerSettings {
  fetchTimeoutMs: number;
  fetchAllowPrivate: boolean;
  fetchAllowLoopback: boolean;
  maxExecutions: number;
  maxIterations: number;
  maxStackDepth: number;
  maxFlowsPerAccount: number;
  maxCompleteChain: number;
  stepTimeoutMs: number;
  pivotWatchdogMs: number;
  pivotDebugRetentionMs: number;
  rpcConcurrency: number;
}

/** Reads the settings from the parsed flags, falling back to the defaults for any left out. */
export function settingsFrom(flags: Record<string, FlagValue>): FlowManagerSettings {
  const value = (name: string) => {
    const given = flags[name];
    if (given !== undefined) return Number(given);
    return Number(flowManagerFlags.find((spec) => spec.name === name)!.default);
  };
  return {
    fetchTimeoutMs: value('fetch_timeout_ms'),
    fetchAllowPrivate: flags.fetch_allow_private === true,
    fetchAllowLoopback: flags.fetch_allow_loopback === true,
    maxExecutions: value('max_executions'),
    maxIterations: value('max_iterations'),
    maxStackDepth: value('max_stack_depth'),
    maxFlowsPerAccount: value('max_flows_per_account'),
    maxCompleteChain: value('max_complete_chain'),
    stepTimeoutMs: value('step_timeout_ms'),
    pivotWatchdogMs: value('pivot_watchdog_ms'),
    pivotDebugRetentionMs: value('pivot_debug_retention_hours') * 60 * 60 * 1000,
    rpcConcurrency: value('rpc_concurrency'),
  };
}
