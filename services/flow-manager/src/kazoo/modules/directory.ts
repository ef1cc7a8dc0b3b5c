import { flowManager } from '@voxmesh/contracts';
import { DIRECTORY_CALLFLOW, DIRECTORY_NAME, DIRECTORY_RESULT } from '../../actions/directory_search.js';
import { catalogData } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

const TRIES = 3;
/** Letters keyed in before the search, at most, and how long the caller has. */
const MAX_LETTERS = 10;
const SPELL_TIMEOUT_MS = 5000 + 2000 * MAX_LETTERS;
const CONFIRM_TIMEOUT_MS = 5000;
/** Matches a caller may step through with 9. */
const MAX_NEXT = 50;

function chain(...actions: EmittedAction[]): EmittedAction {
  actions.forEach((action, at) => {
    const following = actions[at + 1];
    if (following) action.next_id = following.id;
  });
  return actions[0]!;
}

/**
 * `directory`: asks for the first letters of the name (three tries), searches, and
 * offers each match (1 connects, 9 goes on to the next). A directory with
 * `confirm_match: false` connects its first match at once (the search's `auto`
 * outcome). Connecting branches into the user's callflow for good, as cf_directory does.
 */
export const directory: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.directory.data);
    const say = (text: string) => context.emit('talk', { text });
    const answer = context.emit('answer', {});
    const clear = context.emit('variable_set', { key: DIGITS, value: '' });
    const ask = context.emit('talk', { text: "Enter the first letters of the person's name, then press pound.", digits_handle: 'next' });
    const spell = context.emit('digits_receive', { duration: SPELL_TIMEOUT_MS, length: MAX_LETTERS + 1, key: '#' });
    const search = context.emit('directory_search', { action: 'search', directory_id: data.id, digits: `\${${DIGITS}}` });
    const outcome = context.emit('branch', { variable: DIRECTORY_RESULT, target_ids: {} });
    chain(answer, clear, ask, spell, search, outcome);

    const unavailable = say('The directory is not available.');
    unavailable.next_id = context.next();
    const nobody = say('No one matches. Try again.');
    const again = context.emit('goto', { target_id: clear.id, loop_count: TRIES - 1 });
    chain(nobody, again);
    again.next_id = unavailable.id;
    const noMore = say('There are no more matches.');
    noMore.next_id = again.id;

    const offer = context.emit('talk', { text: `\${${DIRECTORY_NAME}}. To connect, press 1. For the next match, press 9.`, digits_handle: 'next' });
    const clearChoice = context.emit('variable_set', { key: DIGITS, value: '' });
    const choose = context.emit('digits_receive', { duration: CONFIRM_TIMEOUT_MS, length: 1 });
    const choice = context.emit('branch', { variable: DIGITS, target_ids: {} });
    chain(clearChoice, offer, choose, choice);
    const next = context.emit('directory_search', { action: 'next', directory_id: data.id });
    const back = context.emit('goto', { target_id: outcome.id, loop_count: MAX_NEXT });
    chain(next, back);
    back.next_id = unavailable.id;
    const repeat = context.emit('goto', { target_id: clearChoice.id, loop_count: TRIES - 1 });
    repeat.next_id = nobody.id;

    const connecting = say(`Connecting you to \${${DIRECTORY_NAME}}.`);
    const into = context.emit('fetch_flow', { flow_id: `\${${DIRECTORY_CALLFLOW}}` });
    chain(connecting, into);
    into.next_id = context.emit('stop', {}).id;

    outcome.option.target_ids = { match: clearChoice.id, auto: connecting.id, none: nobody.id, end: noMore.id };
    outcome.option.default_target_id = unavailable.id;
    choice.option.target_ids = { '1': connecting.id, '9': next.id };
    choice.option.default_target_id = repeat.id;
    return undefined;
  },
};
