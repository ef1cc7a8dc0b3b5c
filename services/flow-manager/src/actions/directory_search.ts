import { parseJson } from '@voxmesh/wire';
import { CONTINUE, type ActionContext, type ActionHandler, type DirectoryUser } from './types.js';

export const DIRECTORY_RESULT = 'voipbin.directory.result';
export const DIRECTORY_NAME = 'voipbin.directory.name';
export const DIRECTORY_CALLFLOW = 'voipbin.directory.callflow_id';
const MATCHES = 'voipbin.directory.matches';
const INDEX = 'voipbin.directory.index';
/** cf_directory's defaults. */
const DEFAULT_MIN_DTMF = 3;
/** Matches kept for `next`; a caller will not hear more. */
const MAX_MATCHES = 50;

/** The keypad's letters (ITU E.161). */
const KEYPAD: Record<string, string> = { a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5', m: '6', n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9', y: '9', z: '9' };

/** A name as keys on the keypad; anything but a letter is left out. */
export function keypadDigits(name: string): string {
  return [...name.normalize('NFD').toLowerCase()].map((char) => KEYPAD[char] ?? '').join('');
}

type Match = { name: string; callflow: string };
type Result = 'match' | 'auto' | 'none' | 'failed' | 'end';
type Context = ActionContext<'directory_search'>;

function show(context: Context, matches: Match[], index: number): 'match' | 'end' {
  const match = matches[index];
  context.setVariable(INDEX, String(index));
  if (!match) return 'end';
  context.setVariable(DIRECTORY_NAME, match.name);
  context.setVariable(DIRECTORY_CALLFLOW, match.callflow);
  return 'match';
}

async function search(context: Context): Promise<Result> {
  const option = context.action.option;
  const directory = await context.deps.directories.directory(context.state.account_id, option.directory_id);
  if (!directory) return 'failed';
  const max = typeof directory.max_dtmf === 'number' && directory.max_dtmf > 0 ? directory.max_dtmf : undefined;
  // Keys past `max_dtmf` are not part of the search, as cf_directory stops collecting there.
  const digits = (option.digits ?? '').replace(/[#*]+$/, '').slice(0, max);
  const min = typeof directory.min_dtmf === 'number' ? directory.min_dtmf : DEFAULT_MIN_DTMF;
  if (digits.length < min || !/^[0-9]+$/.test(digits)) return 'none';
  const byFirst = directory.sort_by === 'first_name';
  const spelled = (user: DirectoryUser) => keypadDigits(byFirst ? user.first_name + user.last_name : user.last_name + user.first_name);
  const users = await context.deps.directories.users(context.state.account_id, context.deps.settings.remoteTimeoutMs);
  const matches = users
    .filter((user) => Object.hasOwn(user.directories, option.directory_id) && spelled(user).startsWith(digits))
    .map((user) => ({ name: `${user.first_name} ${user.last_name}`.trim(), callflow: user.directories[option.directory_id]!, key: byFirst ? `${user.first_name} ${user.last_name}` : `${user.last_name} ${user.first_name}` }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .slice(0, MAX_MATCHES)
    .map(({ name, callflow }) => ({ name, callflow }));
  context.setVariable(MATCHES, JSON.stringify(matches));
  if (matches.length === 0) return 'none';
  show(context, matches, 0);
  return directory.confirm_match === false ? 'auto' : 'match';
}

function next(context: Context): 'match' | 'end' {
  let matches: Match[] = [];
  try {
    const stored = parseJson(context.variable(MATCHES) || '[]');
    if (Array.isArray(stored)) matches = stored.filter((item): item is Match => typeof item?.name === 'string' && typeof item?.callflow === 'string');
  } catch {
    matches = [];
  }
  return show(context, matches, Number(context.variable(INDEX) || '0') + 1);
}

/** `directory_search`: see the catalog entry. */
export const directorySearch: ActionHandler<'directory_search'> = {
  async run(context) {
    let result: Result;
    try {
      result = context.action.option.action === 'search' ? await search(context) : next(context);
    } catch (error) {
      context.fail('DIRECTORY_FAILED', `directory_search: ${String(error)}`);
      result = 'failed';
    }
    context.setVariable(DIRECTORY_RESULT, result);
    return CONTINUE;
  },
};
