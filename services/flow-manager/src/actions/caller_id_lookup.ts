import { VoipError } from '@voxmesh/wire';
import { CALLER_ID_NAME, CALLER_ID_NUMBER } from '../domain/caller-id.js';
import { CONTINUE, type ActionContext, type ActionHandler } from './types.js';

export const DYNAMIC_CID_RESULT = 'voipbin.dynamic_cid.result';
export const DYNAMIC_CID_DESTINATION = 'voipbin.dynamic_cid.destination';
/** cf_dynamic_cid's key length when a list names none, and always for `lists`. */
const DEFAULT_KEY_LENGTH = 2;

type Context = ActionContext<'caller_id_lookup'>;
interface Found {
  name?: string;
  number?: string;
  destination: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Record<string, unknown> | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

async function fromList(context: Context, captured: string): Promise<Found | undefined> {
  const option = context.action.option;
  const doc = await context.deps.callerIdLists.document(context.state.account_id, option.list_id);
  if (!doc) return undefined;
  const length = typeof doc.length === 'number' && Number.isInteger(doc.length) && doc.length > 0 ? doc.length : DEFAULT_KEY_LENGTH;
  const byIndex = option.key !== undefined && option.key !== '';
  const key = byIndex ? option.key! : captured.slice(0, length);
  const destination = byIndex ? captured : captured.slice(length);
  const entries = record(doc.entries);
  const entry = entries && Object.hasOwn(entries, key) ? record(entries[key]) : undefined;
  return { name: text(entry?.name), number: text(entry?.number), destination };
}

async function fromEntries(context: Context, captured: string): Promise<Found | undefined> {
  const entries = await context.deps.callerIdLists.entries(context.state.account_id, context.action.option.list_id);
  if (!entries) return undefined;
  const key = captured.slice(0, DEFAULT_KEY_LENGTH);
  const entry = entries.find((candidate) => String(candidate.cid_key ?? '') === key);
  return { name: text(entry?.cid_name), number: text(entry?.cid_number), destination: captured.slice(DEFAULT_KEY_LENGTH) };
}

/**
 * `caller_id_lookup`: a missing half of the caller id keeps the call's own, as
 * cf_dynamic_cid's maybe_set_default_cid does.
 */
export const callerIdLookup: ActionHandler<'caller_id_lookup'> = {
  async run(context) {
    const captured = context.action.option.captured.trim();
    let result: 'found' | 'default' | 'failed' = 'failed';
    try {
      const found = captured === '' ? undefined : context.action.option.action === 'list' ? await fromList(context, captured) : await fromEntries(context, captured);
      if (found) {
        if (found.name) context.setVariable(CALLER_ID_NAME, found.name);
        if (found.number) context.setVariable(CALLER_ID_NUMBER, found.number);
        context.setVariable(DYNAMIC_CID_DESTINATION, found.destination);
        result = found.number ? 'found' : 'default';
      }
    } catch (error) {
      context.fail('CALLER_ID_LOOKUP_FAILED', `caller_id_lookup: ${error instanceof VoipError ? error.message : String(error)}`);
    }
    context.setVariable(DYNAMIC_CID_RESULT, result);
    return CONTINUE;
  },
};
