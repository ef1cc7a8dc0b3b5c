import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import type { Action, ActionDraft } from '../contract.js';

/**
 * Turns validated drafts into a runnable list: missing ids are assigned, ids must be
 * unique, and every jump (`next_id`, goto, branch, the conditions' false targets) must
 * land on an action of the list or on one of `alsoKnown` (the activeflow's other
 * actions, for pushed lists). A problem is a 400 naming the action and the field.
 */
export function prepareActions(drafts: ActionDraft[], field: string, alsoKnown: ReadonlySet<string> = new Set()): Action[] {
  const seen = new Set<string>();
  const actions = drafts.map((draft, index) => {
    const id = draft.id ?? randomUUID();
    if (seen.has(id)) throw VoipError.invalidArgument(`${field}.${index}.id`, `${draft.type} action ${id}: the id is used twice`);
    seen.add(id);
    return { ...draft, id } as Action;
  });
  const exists = (id: string) => seen.has(id) || alsoKnown.has(id);
  actions.forEach((action, index) => {
    for (const [path, target] of jumpTargets(action)) {
      // A target written as ${variable} is resolved when the action runs.
      if (target.includes('${')) continue;
      if (!exists(target)) {
        throw VoipError.invalidArgument(`${field}.${index}.${path}`, `${action.type} action ${action.id}: ${path} ${JSON.stringify(target)} is not an action of this flow`);
      }
    }
  });
  return actions;
}

/** The ids an action may jump to, with the field each sits in. */
export function jumpTargets(action: Action): [string, string][] {
  const targets: [string, string][] = [];
  if (action.next_id !== undefined) targets.push(['next_id', action.next_id]);
  switch (action.type) {
    case 'goto':
      targets.push(['option.target_id', action.option.target_id]);
      break;
    case 'branch':
      for (const [value, target] of Object.entries(action.option.target_ids ?? {})) targets.push([`option.target_ids.${value}`, target]);
      if (action.option.default_target_id !== undefined) targets.push(['option.default_target_id', action.option.default_target_id]);
      break;
    case 'temporal_match':
      for (const [key, target] of Object.entries(action.option.target_ids)) targets.push([`option.target_ids.${key}`, target]);
      targets.push(['option.default_target_id', action.option.default_target_id]);
      break;
    case 'condition_variable':
    case 'condition_datetime':
    case 'condition_regex':
    case 'list_match':
      targets.push(['option.false_target_id', action.option.false_target_id]);
      break;
    default:
      break;
  }
  return targets;
}
