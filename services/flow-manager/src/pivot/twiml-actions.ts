import { randomUUID } from 'node:crypto';
import { DIGITS } from '../kazoo/modules/collect_dtmf.js';
import { DIAL_CALL_ID, DIAL_DURATION, DIAL_STATUS, TWIML_VARIABLE } from './fields.js';
import { TwimlError, type TwimlNode } from './twiml.js';

/** An action as the translation writes it; the engine validates it when it is pushed. */
export interface DraftAction {
  id: string;
  type: string;
  option: Record<string, unknown>;
}

/** What the follow-up requests (Gather's, Record's and Dial's `action`, Redirect) inherit from the pivot that fetched the document. */
export interface TwimlOrigin {
  /** The document's URL: relative URLs resolve against it, and it is the default `action`. */
  url: string;
  debug?: boolean | undefined;
  req_timeout_ms?: number | undefined;
}

/** Twilio's `loop="0"` plays on until the caller hangs up; ours stops after this many. */
const ENDLESS_LOOP = 1000;
const SET_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/**
 * The `<Dial>` nouns rung by one bridge, as Kazoo's kzt_twiml_dial makes endpoints of
 * them: a number through the carrier, a SIP address, a Twilio client (the device of that
 * SIP username), and Kazoo's own `<User>` (all its devices) and `<Device>`, by id.
 */
const DIAL_NOUNS: ReadonlyMap<string, string> = new Map([
  ['Number', 'number'],
  ['Sip', 'sip'],
  ['Client', 'client'],
  ['User', 'user'],
  ['Device', 'device'],
]);

/**
 * Translates a `<Response>` into the engine's actions, verb by verb as Twilio runs them:
 * Say, Play, Pause, Gather (its prompts, then its `action` asked with Digits when
 * something was pressed, else the verbs after it), Dial (Number, Sip, Client, User,
 * Device, Conference, Queue; `timeout`, `record`, `callerId`, `action`), Record (its
 * recordingStatusCallback, then its `action` with RecordingUrl), Redirect, Hangup,
 * Reject (a hangup that never answers), and Set / Variable (values sent back with every
 * request).
 * A document that runs out hangs up, as Twilio does. A verb that cannot be honoured is
 * an error, so the call takes the pivot's fallback rather than half a document.
 */
export function translateTwiml(root: TwimlNode, origin: TwimlOrigin): DraftAction[] {
  const out = new Translation(origin);
  for (const verb of root.children) {
    if (out.translate(verb) === 'ends') break;
  }
  out.emit('stop', {});
  return out.actions;
}

class Translation {
  readonly actions: DraftAction[] = [];
  /** The id the next emitted action takes: where a Gather with no digits goes on. */
  private label: string | undefined;

  constructor(private readonly origin: TwimlOrigin) {}

  emit(type: string, option: Record<string, unknown>, id = this.takeLabel()): DraftAction {
    const action = { id, type, option };
    this.actions.push(action);
    return action;
  }

  private takeLabel(): string {
    const id = this.label ?? randomUUID();
    this.label = undefined;
    return id;
  }

  /** Returns `ends` after a verb nothing follows (Hangup, Reject, Redirect, an answered Gather goes elsewhere). */
  translate(verb: TwimlNode): 'ends' | 'goes_on' {
    const a = (name: string) => verb.attributes.get(name);
    switch (verb.name) {
      case 'Say':
        this.say(verb, false);
        return 'goes_on';
      case 'Play':
        this.play(verb);
        return 'goes_on';
      case 'Pause':
        this.emit('sleep', { duration: seconds(a('length'), 1, 0, 600, 'Pause length') * 1000 || 1 });
        return 'goes_on';
      case 'Hangup':
        this.emit('hangup', {});
        return 'ends';
      case 'Reject':
        // hangup never answers, so the caller hears busy or a rejection, not a connected call.
        this.emit('hangup', { reason: a('reason') === 'busy' ? 'busy' : 'failed' });
        return 'ends';
      case 'Redirect':
        this.followUp(verb.text, a('method'), 'Redirect');
        return 'ends';
      case 'Gather':
        this.gather(verb);
        return 'goes_on';
      case 'Dial':
        this.dial(verb);
        return 'goes_on';
      case 'Record':
        this.record(verb);
        return 'goes_on';
      case 'Set':
        for (const child of verb.children) this.variable(child);
        return 'goes_on';
      case 'Variable':
        this.variable(verb);
        return 'goes_on';
      default:
        throw new TwimlError(`<${verb.name}> is not a TwiML verb this platform runs`);
    }
  }

  private say(verb: TwimlNode, interruptible: boolean): void {
    if (verb.text === '') throw new TwimlError('<Say> needs text');
    const option: Record<string, unknown> = { text: verb.text };
    const voice = verb.attributes.get('voice');
    if (voice === 'man' || voice === 'woman') option.gender = voice === 'man' ? 'male' : 'female';
    else if (voice !== undefined && voice !== '') option.voice_id = voice;
    const language = verb.attributes.get('language');
    if (language !== undefined && language !== '') option.language = language;
    if (interruptible) option.digits_handle = 'next';
    this.looped(verb, () => this.emit('talk', option));
  }

  private play(verb: TwimlNode): void {
    const digits = verb.attributes.get('digits');
    if (digits !== undefined && digits !== '') {
      // Twilio's `w` waits half a second; the media layer sends what it is given.
      const keys = digits.replace(/w/gi, '');
      if (!/^[0-9*#A-Da-d]+$/.test(keys)) throw new TwimlError('<Play digits> must be 0-9, *, #, A-D or w');
      this.emit('digits_send', { digits: keys });
    }
    if (verb.text === '') {
      if (digits === undefined || digits === '') throw new TwimlError('<Play> needs a URL or digits');
      return;
    }
    const url = this.resolve(verb.text, '<Play>');
    this.looped(verb, () => this.emit('play', { stream_urls: [url] }));
  }

  /** `loop` repeats: once by default, `0` endlessly (bounded). */
  private looped(verb: TwimlNode, once: () => DraftAction): void {
    const loop = seconds(verb.attributes.get('loop'), 1, 0, ENDLESS_LOOP, 'loop');
    const first = once();
    const times = loop === 0 ? ENDLESS_LOOP : loop;
    if (times > 1) this.emit('goto', { target_id: first.id, loop_count: times - 1 });
  }

  private gather(verb: TwimlNode): void {
    const a = (name: string) => verb.attributes.get(name);
    const finishOnKey = a('finishOnKey') ?? '#';
    if (!/^[0-9*#]?$/.test(finishOnKey)) throw new TwimlError('<Gather finishOnKey> must be one key or empty');
    this.emit('variable_set', { key: DIGITS, value: '' });
    for (const child of verb.children) {
      if (child.name === 'Say') this.say(child, true);
      else if (child.name === 'Play') this.play(child);
      else if (child.name === 'Pause') this.translate(child);
      else throw new TwimlError(`<Gather> cannot hold <${child.name}>`);
    }
    const numDigits = seconds(a('numDigits'), 128, 1, 128, 'numDigits');
    const timeout = seconds(a('timeout'), 5, 1, 600, 'timeout');
    const receive: Record<string, unknown> = { duration: timeout * 1000, length: numDigits };
    if (finishOnKey !== '') receive.key = finishOnKey;
    this.emit('digits_receive', receive);
    // Nothing pressed: Twilio goes on with the verbs after the Gather.
    const after = randomUUID();
    this.emit('condition_variable', { condition: '>', variable: DIGITS, value_type: 'length', value_length: 0, false_target_id: after });
    this.followUp(a('action') ?? '', a('method'), 'Gather action');
    this.label = after;
  }

  private dial(verb: TwimlNode): void {
    const a = (name: string) => verb.attributes.get(name);
    const nouns = verb.children.length > 0 ? verb.children : [{ name: 'Number', attributes: new Map(), text: verb.text, children: [] } as TwimlNode];
    const endpoints: { type: string; id: string }[] = [];
    for (const noun of nouns) {
      if (noun.text === '') throw new TwimlError(`<${noun.name}> in <Dial> needs a value`);
      const kind = DIAL_NOUNS.get(noun.name);
      // Kazoo keeps a number's digits and + (kzt_twiml_dial's cleanup_dial_me); a SIP address loses its scheme.
      if (kind === 'number') endpoints.push({ type: kind, id: noun.text.replace(/[^0-9+*#]/g, '') });
      else if (kind !== undefined) endpoints.push({ type: kind, id: kind === 'sip' ? noun.text.replace(/^sips?:/i, '') : noun.text });
      // The room is the account's own (an ad hoc Kazoo conference of that name), without a welcome, as Kazoo's translator builds it.
      else if (noun.name === 'Conference') this.emit('conference_enter', { config: { name: noun.text }, welcome: false });
      else if (noun.name === 'Queue') this.emit('queue_join', { queue_id: noun.text });
      else throw new TwimlError(`<Dial><${noun.name}> is not supported here`);
    }
    if (endpoints.length > 0) {
      // Twilio rings for `timeout` seconds (30 by default): each leg's leg_timeout.
      const option: Record<string, unknown> = { endpoints, timeout: seconds(a('timeout'), 30, 1, 600, 'Dial timeout') * 1000, can_call_self: true };
      const callerId = a('callerId');
      if (callerId !== undefined && callerId.trim() !== '') option.caller_id_number = callerId.trim();
      // Twilio's record-from-answer / record-from-ringing (and their dual forms): the bridged call is recorded.
      const recorded = a('record') !== undefined && a('record') !== '' && a('record') !== 'do-not-record' && a('record') !== 'false';
      if (recorded) this.emit('recording_start', { format: 'wav' });
      this.emit('bridge', option);
      if (recorded) this.emit('recording_stop', {});
      // What the dial came to, read by the `action` request (DialCallStatus, DialCallSid, DialCallDuration).
      this.emit('variable_set', { key: DIAL_STATUS, value: '${voipbin.bridge.result}' });
      this.emit('variable_set', { key: DIAL_CALL_ID, value: '${voipbin.bridge.leg_id}' });
      this.emit('variable_set', { key: DIAL_DURATION, value: '${voipbin.bridge.duration}' });
    }
    // Twilio asks `action` when the dial is over; without one it goes on with the verbs after the Dial.
    if (a('action') !== undefined) this.followUp(a('action')!, a('method'), 'Dial action');
  }

  private record(verb: TwimlNode): void {
    const a = (name: string) => verb.attributes.get(name);
    const maxLength = seconds(a('maxLength'), 3600, 1, 14_400, 'maxLength');
    const finishOnKey = (a('finishOnKey') ?? '1234567890*#').replace(/[^0-9*#]/g, '');
    const start: Record<string, unknown> = { format: 'wav', duration: maxLength, beep_start: a('playBeep') !== 'false' };
    if (finishOnKey !== '') start.end_of_key = finishOnKey;
    const silence = seconds(a('timeout'), 5, 0, 3600, 'timeout');
    if (silence > 0) start.end_of_silence = silence;
    // Kazoo's recording `url` (not Twilio's): the finished file is PUT there, and RecordingUrl names it.
    const upload = a('url');
    if (upload !== undefined && upload.trim() !== '') start.upload_url = `${this.resolve(upload.trim(), 'Record url').replace(/\/+$/, '')}/call_recording_\${voipbin.call.id}.wav`;
    this.emit('variable_set', { key: DIGITS, value: '' });
    this.emit('recording_start', start);
    // The recording runs beside the flow; waiting for a key (or its length) makes the verb block as Twilio's does.
    const wait: Record<string, unknown> = { duration: maxLength * 1000, length: 128 };
    if (finishOnKey !== '') wait.key = finishOnKey;
    this.emit('digits_receive', wait);
    this.emit('recording_stop', {});
    const callback = a('recordingStatusCallback');
    if (callback !== undefined && callback.trim() !== '') {
      const method = (a('recordingStatusCallbackMethod') ?? 'POST').toUpperCase();
      if (method !== 'GET' && method !== 'POST') throw new TwimlError('recordingStatusCallbackMethod must be GET or POST');
      // Twilio's recording status parameters, filled in from the activeflow when it is sent.
      const data = { CallSid: '${voipbin.call.id}', RecordingSid: '${voipbin.recording.id}', RecordingUrl: '${voipbin.recording.url}', RecordingStatus: 'completed', RecordingDuration: '${voipbin.recording.duration}' };
      this.emit('webhook_send', { uri: this.resolve(callback, 'recordingStatusCallback'), method, data_type: 'application/json', data });
    }
    this.followUp(a('action') ?? '', a('method'), 'Record action');
  }

  private variable(node: TwimlNode): void {
    if (node.name !== 'Variable') throw new TwimlError(`<Set> holds <Variable> elements, not <${node.name}>`);
    const key = node.attributes.get('key') ?? node.attributes.get('name') ?? '';
    if (!SET_KEY.test(key)) throw new TwimlError(`<Variable key="${key.slice(0, 64)}"> must be a letter then letters, digits, _ . or - (64 at most)`);
    this.emit('variable_set', { key: TWIML_VARIABLE + key, value: node.attributes.get('value') ?? node.text });
  }

  /** A request to `target` (the document's URL when empty) in Twilio's names, whose answer runs next. */
  private followUp(target: string, method: string | undefined, what: string): void {
    const url = target.trim() === '' ? this.origin.url : this.resolve(target.trim(), what);
    const verb = (method ?? 'POST').toLowerCase();
    if (verb !== 'get' && verb !== 'post') throw new TwimlError(`${what} method must be GET or POST`);
    const option: Record<string, unknown> = { voice_url: url, method: verb, req_format: 'twiml' };
    if (this.origin.debug) option.debug = true;
    if (this.origin.req_timeout_ms !== undefined) option.req_timeout_ms = this.origin.req_timeout_ms;
    this.emit('pivot', option);
  }

  private resolve(target: string, what: string): string {
    let url: URL;
    try {
      url = new URL(target, this.origin.url);
    } catch {
      throw new TwimlError(`${what}: ${target.slice(0, 200)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TwimlError(`${what} must be an http:// or https:// URL`);
    return url.toString();
  }
}

/** A whole-number attribute within bounds; absent means `fallback`. */
function seconds(raw: string | undefined, fallback: number, min: number, max: number, what: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new TwimlError(`${what} must be a whole number from ${min} to ${max}`);
  return value;
}
