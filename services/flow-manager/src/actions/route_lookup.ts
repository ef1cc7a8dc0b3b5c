import { CONTINUE, type ActionHandler } from './types.js';

export const ROUTE_FLOW_ID = 'voipbin.route.flow_id';
/** Numbers are short; a longer subject is cut before the patterns see it. */
const MAX_NUMBER = 64;

/** `route_lookup`: falls through with the flow the number reaches in this account, else jumps. */
export const routeLookup: ActionHandler<'route_lookup'> = {
  async run(context) {
    const option = context.action.option;
    const number = option.number.trim().replace(/#+$/, '').slice(0, MAX_NUMBER);
    const refused =
      number === '' || (option.allow !== undefined && !new RegExp(option.allow).test(number)) || (option.deny !== undefined && new RegExp(option.deny).test(number));
    const found = refused ? undefined : await context.deps.routes.route(number);
    if (!found || found.account_id !== context.state.account_id) {
      context.jumpTo(option.false_target_id, 'option.false_target_id');
      return CONTINUE;
    }
    for (const [name, value] of Object.entries(found.variables)) context.setVariable(name, value);
    context.setVariable(ROUTE_FLOW_ID, found.flow_id);
    return CONTINUE;
  },
};
