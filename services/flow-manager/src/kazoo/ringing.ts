import { emptyRecord } from '@voxmesh/wire';
import type { z } from 'zod';
import type { EmittedAction, ModuleContext } from './types.js';

/** The variable the `bridge` action leaves its outcome in. */
export const BRIDGE_RESULT = 'voipbin.bridge.result';
/** Kazoo's default ring time, in seconds (cf_device, cf_user). */
const DEFAULT_TIMEOUT_S = 20;

/** What a ringing module reads of its data, after its catalog schema accepted it. */
export interface RingingData {
  id: string;
  timeout?: number | string | null | undefined;
  delay?: number | string | null | undefined;
  can_call_self?: boolean | null | undefined;
  skip_module?: boolean | null | undefined;
}

/** Reads `data` with the module's catalog schema; a 400 names the first field it refuses. */
export function readData<S extends z.ZodType>(context: ModuleContext, schema: S): z.output<S> {
  const read = schema.safeParse(context.data);
  if (read.success) return read.data;
  const issue = read.error.issues[0]!;
  return context.invalid(issue.path.map(String).join('.') || 'id', issue.message);
}

const seconds = (value: number | string | null | undefined): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : Number(value);

/**
 * Compiles a module that rings endpoints (device, user) as Kazoo runs it: a `bridge`,
 * then, on its result, `SUCCESS` stops the callflow (the answered call is over), a
 * failure cause with a child of that name goes there (cf_util:handle_bridge_failure),
 * anything else goes to `_`. `skip_module` goes straight to `_`.
 */
export function compileRinging(
  context: ModuleContext,
  data: RingingData,
  endpoint: { type: 'device' | 'user'; strategy?: 'simultaneous' | 'single' | null | undefined },
): undefined {
  if (data.skip_module === true) {
    const skip = context.emit('variable_set', { key: BRIDGE_RESULT, value: 'SKIPPED' });
    skip.next_id = context.next();
    return undefined;
  }
  const timeout = seconds(data.timeout) || DEFAULT_TIMEOUT_S;
  const delay = seconds(data.delay) ?? 0;
  const bridge = context.emit('bridge', {
    endpoints: [{ type: endpoint.type, id: data.id, ...(delay > 0 ? { delay: delay * 1000 } : {}) }],
    timeout: timeout * 1000,
    ...(endpoint.strategy ? { strategy: endpoint.strategy } : {}),
    ...(typeof data.can_call_self === 'boolean' ? { can_call_self: data.can_call_self } : {}),
  });
  const stop: EmittedAction = context.emit('stop', {});
  const targets = emptyRecord<string>();
  for (const key of context.childKeys) if (key !== '_') targets[key] = context.child(key)!;
  targets.SUCCESS = stop.id;
  const choose = context.emit('branch', { variable: BRIDGE_RESULT, target_ids: targets, default_target_id: context.next() });
  bridge.next_id = choose.id;
  return undefined;
}
