import { flowManager } from '@voxmesh/contracts';
import { CALLER_ID_NAME, CALLER_ID_NUMBER } from '../../domain/caller-id.js';
import { catalogData } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

const CALLER_NUMBER = 'voipbin.call.source.target';
const NAMED = new Set(['_', 'match', 'nomatch']);

/**
 * `check_cid`: the caller's number against `regex` (`.*` by default, unanchored as
 * Kazoo's `re:run`). A match goes to `match`, or with `use_absolute_mode` to the child
 * keyed by the number; a miss goes to `nomatch`; a missing child goes on to `_`. A call
 * taking a match branch presents `caller_id.external` from then on (Kazoo also wants a
 * `user_id` to own the call; owners are not kept here, so the name and number suffice).
 */
export const checkCid: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.check_cid.data);
    const external = data.caller_id?.external;
    const fallback = context.next();
    const check = context.emit('condition_regex', { variable: `\${${CALLER_NUMBER}}`, pattern: data.regex ?? '.*', false_target_id: context.child('nomatch') ?? fallback });
    /** The caller id, when given whole, set on the way to a matched child. */
    const presenting = (target: string): string => {
      if (!external?.name || !external.number) return target;
      const name = context.emit('variable_set', { key: CALLER_ID_NAME, value: external.name });
      const number = context.emit('variable_set', { key: CALLER_ID_NUMBER, value: external.number });
      name.next_id = number.id;
      number.next_id = target;
      return name.id;
    };
    if (data.use_absolute_mode === true) {
      const targets: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const key of context.childKeys) if (!NAMED.has(key)) targets[key] = presenting(context.child(key)!);
      check.next_id = context.emit('branch', { variable: CALLER_NUMBER, target_ids: targets, default_target_id: fallback }).id;
    } else {
      const matched = context.child('match');
      check.next_id = matched === undefined ? fallback : presenting(matched);
    }
    return undefined;
  },
};
