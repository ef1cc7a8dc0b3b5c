import { ForbiddenKeyError, parseJson, VoipError } from '@voxmesh/wire';
import { actionInputSchema, callflowNodeSchema, type ActionDraft } from '../contract.js';
import { compileCallflow } from '../kazoo/compiler.js';
import { parseTwiml, TwimlError } from './twiml.js';
import { translateTwiml, type TwimlOrigin } from './twiml-actions.js';

/** Why an answer could not be run; the status becomes `voipbin.fetch.status` and the reason `PIVOT_<STATUS>`. */
export type AnswerStatus = 'http_error' | 'bad_json' | 'invalid_callflow' | 'stack_depth_limit' | 'bad_twiml' | 'unsupported_content_type';

export type ReadAnswer = { ok: true; format: 'kazoo' | 'actions' | 'twiml'; actions: ActionDraft[] } | { ok: false; status: AnswerStatus; message: string };

/** The longest action list a server may answer with, as a flow's own is bounded. */
const MAX_ANSWER_ACTIONS = 1000;

/**
 * Reads the server's answer by its Content-Type, as Kazoo's Pivot does: JSON is a Kazoo
 * callflow node (`{module, data, children}`, a callflow document with `flow`, either in
 * crossbar's `data`) or a voipbin action list; XML is TwiML. Whatever runs ends the call
 * when it runs out (a compiled callflow ends in a stop, TwiML in one), so the answer
 * takes the rest of the call in place of the flow that asked.
 */
export function readAnswer(status: number, contentType: string, body: string, origin: TwimlOrigin): ReadAnswer {
  if (status < 200 || status > 299) return { ok: false, status: 'http_error', message: `the server answered ${status}` };
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return readJson(body);
  if (mediaType === 'text/xml' || mediaType === 'application/xml') return readTwiml(body, origin);
  return { ok: false, status: 'unsupported_content_type', message: `the answer's Content-Type ${JSON.stringify(mediaType)} is neither JSON (a callflow) nor XML (TwiML)` };
}

function readJson(body: string): ReadAnswer {
  let parsed: unknown;
  try {
    parsed = parseJson(body);
  } catch (error) {
    const message = error instanceof ForbiddenKeyError ? `the answer holds a forbidden key: ${error.field}` : `the answer is not JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, status: 'bad_json', message };
  }
  if (Array.isArray(parsed)) return readActionList(parsed);
  const node = callflowOf(parsed);
  const read = callflowNodeSchema.safeParse(node);
  if (!read.success) {
    const issue = read.error.issues[0]!;
    const where = ['flow', ...issue.path.map(String)].join('.');
    return { ok: false, status: 'invalid_callflow', message: `the answer is not a callflow ({"module", "data", "children"} or {"flow": ...}): ${where}: ${issue.message}` };
  }
  try {
    return { ok: true, format: 'kazoo', actions: compileCallflow(read.data, 'flow') };
  } catch (error) {
    if (error instanceof VoipError && error.status !== 'INTERNAL') {
      const detail = error.field !== undefined && !error.message.includes(error.field) ? `${error.field}: ${error.message}` : error.message;
      return { ok: false, status: error.reason === 'STACK_DEPTH_LIMIT' ? 'stack_depth_limit' : 'invalid_callflow', message: detail };
    }
    throw error;
  }
}

/** A voipbin action list, as fetch answers: it runs, then the call ends. */
function readActionList(list: unknown[]): ReadAnswer {
  if (list.length === 0 || list.length > MAX_ANSWER_ACTIONS) {
    return { ok: false, status: 'invalid_callflow', message: `an action list must hold 1 to ${MAX_ANSWER_ACTIONS} actions` };
  }
  const actions: ActionDraft[] = [];
  for (const [at, item] of list.entries()) {
    const read = actionInputSchema.safeParse(item);
    if (!read.success) {
      const issue = read.error.issues[0]!;
      return { ok: false, status: 'invalid_callflow', message: `actions.${[at, ...issue.path.map(String)].join('.')}: ${issue.message}` };
    }
    actions.push(read.data as ActionDraft);
  }
  actions.push({ type: 'stop', option: {} } as ActionDraft);
  return { ok: true, format: 'actions', actions };
}

function readTwiml(body: string, origin: TwimlOrigin): ReadAnswer {
  try {
    const actions = translateTwiml(parseTwiml(body), origin);
    // What a verb became is checked as any action is, so a bad value (a Dial number) is the document's fault, not the call's.
    for (const action of actions) {
      const read = actionInputSchema.safeParse(action);
      if (!read.success) {
        const issue = read.error.issues[0]!;
        return { ok: false, status: 'bad_twiml', message: `the TwiML does not run: ${action.type}.${issue.path.map(String).join('.')}: ${issue.message}` };
      }
    }
    return { ok: true, format: 'twiml', actions: actions as unknown as ActionDraft[] };
  } catch (error) {
    if (error instanceof TwimlError) return { ok: false, status: 'bad_twiml', message: `the TwiML does not run: ${error.message}` };
    throw error;
  }
}

/** The callflow in an answer: a bare node, a callflow document (`flow`), or either wrapped in crossbar's `data`. */
function callflowOf(body: unknown): unknown {
  const object = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  let top = object(body);
  if (top && top.module === undefined && top.flow === undefined && object(top.data)) top = object(top.data);
  if (top && top.module === undefined && object(top.flow)) return top.flow;
  return top ?? body;
}
