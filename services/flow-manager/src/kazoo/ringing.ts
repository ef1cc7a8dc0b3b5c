import { emptyRecord } from '@voxmesh/wire';
import type { z } from 'zod';
import { callerIdOption } from '../domain/caller-id.js';
import type { ModuleContext } from './types.js';

/** The variable the `bridge` action leaves its outcome in. */
export const BRIDGE_RESULT = 'voipbin.bridge.result';
/** Kazoo's default ring time, in seconds (cf_device, cf_user, cf_ring_group). */
export const DEFAULT_TIMEOUT_S = 20;

/** Reads `data` with the module's catalog schema; a 400 names the first field it refuses. */
export function readData<S extends z.ZodType>(context: ModuleContext, schema: S): z.output<S> {
  const read = schema.safeParse(context.data);
  if (read.success) return read.data;
  const issue = read.error.issues[0]!;
  return context.invalid(issue.path.map(String).join('.') || 'id', issue.message);
}

/** Kazoo's seconds (a number or a numeric string), absent when left out. */
export const seconds = (value: number | string | null | undefined): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : Number(value);

/** `skip_module`: straight on to `_`. */
export function skip(context: ModuleContext): undefined {
  context.emit('variable_set', { key: BRIDGE_RESULT, value: 'SKIPPED' }).next_id = context.next();
  return undefined;
}

/**
 * Emits a `bridge` (or a `carrier_bridge`) and where the flow goes after it, as Kazoo's ringing modules do:
 * `SUCCESS` stops the callflow (the answered call is over); otherwise the bridge is
 * tried again while `repeats` last; then a failure cause with a child of that name goes
 * there (cf_util:handle_bridge_failure), anything else to `_`.
 */
export function emitRinging(context: ModuleContext, bridgeOption: Record<string, unknown>, repeats = 1, type: 'bridge' | 'carrier_bridge' = 'bridge'): undefined {
  const bridge = context.emit(type, type === 'bridge' ? { caller_id: callerIdOption(), ...bridgeOption } : bridgeOption);
  const stop = context.emit('stop', {});
  const failures = emptyRecord<string>();
  for (const key of context.childKeys) if (key !== '_') failures[key] = context.child(key)!;
  failures.SUCCESS = stop.id;
  if (repeats <= 1) {
    bridge.next_id = context.emit('branch', { variable: BRIDGE_RESULT, target_ids: failures, default_target_id: context.next() }).id;
    return undefined;
  }
  const onFailure = context.emit('branch', { variable: BRIDGE_RESULT, target_ids: failures, default_target_id: context.next() });
  const again = context.emit('goto', { target_id: bridge.id, loop_count: repeats - 1 });
  again.next_id = onFailure.id;
  // Answered, stop; else ring again, keeping the cause for the branch after the last try.
  bridge.next_id = context.emit('branch', { variable: BRIDGE_RESULT, target_ids: { SUCCESS: stop.id }, default_target_id: again.id, keep_variable: true }).id;
  return undefined;
}

/** What the device and user modules read of their data, after their catalog schema accepted it. */
export interface EndpointData {
  id: string;
  timeout?: number | string | null | undefined;
  delay?: number | string | null | undefined;
  can_call_self?: boolean | null | undefined;
  skip_module?: boolean | null | undefined;
}

/** `device` and `user`: one endpoint, rung for `timeout` (default 20 s) after `delay`. */
export function compileEndpoint(
  context: ModuleContext,
  data: EndpointData,
  endpoint: { type: 'device' | 'user'; strategy?: 'simultaneous' | 'single' | null | undefined },
): undefined {
  if (data.skip_module === true) return skip(context);
  const timeout = seconds(data.timeout) || DEFAULT_TIMEOUT_S;
  const delay = seconds(data.delay) ?? 0;
  return emitRinging(context, {
    endpoints: [{ type: endpoint.type, id: data.id, ...(delay > 0 ? { delay: delay * 1000 } : {}) }],
    timeout: timeout * 1000,
    ...(endpoint.strategy ? { strategy: endpoint.strategy } : {}),
    ...(typeof data.can_call_self === 'boolean' ? { can_call_self: data.can_call_self } : {}),
  });
}
