/**
 * FreeSWITCH's command syntax, in one place: the API commands call-manager sends about
 * a channel (`uuid_*`, conference, originate), the arguments of the applications it
 * queues, and how their answers read. Everything else speaks in calls and channels;
 * a command FreeSWITCH spells differently is changed here.
 */

/** Replaces what an application argument or an API line cannot carry (a line break ends the header). */
export function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** Stops what the channel plays; `all` also drops what is queued behind it. */
export function breakMedia(uuid: string, all: boolean): string {
  return `uuid_break ${uuid}${all ? ' all' : ''}`;
}

/**
 * One argument of an API command that mod_commands splits on spaces
 * (switch_separate_string): single-quoted, with backslash escapes for what would end
 * the quote, split the line or be taken as an escape (`\\`, `\'`, `\n`, `\r`), so any
 * text arrives whole and exact.
 */
export function quotedArgument(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `'${escaped}'`;
}

/**
 * Plays `path` (a file, a URL, a `speak::` or `tone_stream://` path) to the caller,
 * beside what the channel runs. uuid_broadcast splits its argument on spaces into at
 * most four parts, so the path is quoted: unquoted, a second word would take the leg
 * word's place and the switch would answer +OK and play nothing.
 */
export function broadcast(uuid: string, path: string): string {
  return `uuid_broadcast ${uuid} ${quotedArgument(path)} aleg`;
}

/** The path that makes `broadcast` speak `speak`'s argument (`engine|voice|text`). */
export function speakPath(argument: string): string {
  return `speak::${argument}`;
}

/**
 * The path that makes `broadcast` run mod_dptools' `say`: `<module>[:<lang>] <type>
 * <method> [<gender>] <text>`. say splits on spaces into at most five parts, so the
 * text loses its spaces.
 */
export function sayPath(language: string, type: string, method: string, gender: string | undefined, text: string): string {
  const words = [language, type, method, ...(gender === undefined ? [] : [gender.toUpperCase()]), text.replace(/\s+/g, '')];
  return `say::${words.join(' ')}`;
}

/** Changes the level of one way of the channel's audio (-4 to 4): `read` is what the caller says, `write` what the caller hears. */
export function audioLevel(uuid: string, way: 'read' | 'write', level: number): string {
  return `uuid_audio ${uuid} start ${way} level ${level}`;
}

export interface SoundTouch {
  /** Change what the leg sends rather than what it receives. */
  sendingLeg: boolean;
  hookDtmf: boolean;
  pitch?: number | undefined;
  rate?: number | undefined;
  tempo?: number | undefined;
  octaves?: number | undefined;
  semitones?: number | undefined;
}

/** mod_soundtouch's `soundtouch <uuid> start [send_leg] [hook_dtmf] <X>s <X>o <X>p <X>r <X>t`: each adjustment carries its letter. */
export function soundTouchStart(uuid: string, touch: SoundTouch): string {
  const words = [
    ...(touch.sendingLeg ? ['send_leg'] : []),
    ...(touch.hookDtmf ? ['hook_dtmf'] : []),
    ...(touch.semitones !== undefined ? [`${touch.semitones}s`] : []),
    ...(touch.octaves !== undefined ? [`${touch.octaves}o`] : []),
    ...(touch.pitch !== undefined ? [`${touch.pitch}p`] : []),
    ...(touch.rate !== undefined ? [`${touch.rate}r`] : []),
    ...(touch.tempo !== undefined ? [`${touch.tempo}t`] : []),
  ];
  return `soundtouch ${uuid} start ${words.join(' ')}`;
}

export function soundTouchStop(uuid: string): string {
  return `soundtouch ${uuid} stop`;
}

/** The `speak` application's argument: mod_dptools takes the text after the second `|` whole. */
export function speakArgument(engine: string, voice: string, text: string): string {
  return `${engine}|${voice}|${text}`;
}

/** A playback or speak that did not play, by its Application-Response (mod_dptools' FILE NOT FOUND, PLAYBACK ERROR). */
export function mediaNotPlayed(response: string | undefined): boolean {
  return response === 'FILE NOT FOUND' || response === 'PLAYBACK ERROR';
}

/** Answers a ringing channel now, whatever it runs. */
export function answer(uuid: string): string {
  return `uuid_answer ${uuid}`;
}

/** Asks whether a module is loaded; the answer reads as `existsAnswer`. */
export function moduleExists(name: string): string {
  return `module_exists ${name}`;
}

/** Streams the channel's audio to a websocket (mod_audio_fork), mono at 8 kHz. */
export function audioForkStart(uuid: string, url: string): string {
  return `uuid_audio_fork ${uuid} start ${url} mono 8k`;
}

export function audioForkStop(uuid: string): string {
  return `uuid_audio_fork ${uuid} stop`;
}

/** Sends DTMF tones, each `duration` ms when given. */
export function sendDtmf(uuid: string, digits: string, duration?: number): string {
  return `uuid_send_dtmf ${uuid} ${duration === undefined ? digits : `${digits}@${duration}`}`;
}

/** Starts recording the channel to `path`, stopped by the media server after `limitSeconds` when given. */
export function recordStart(uuid: string, path: string, limitSeconds?: number): string {
  return `uuid_record ${uuid} start ${path}${limitSeconds === undefined ? '' : ` ${limitSeconds}`}`;
}

export function recordStop(uuid: string, path: string): string {
  return `uuid_record ${uuid} stop ${path}`;
}

export function hold(uuid: string): string {
  return `uuid_hold ${uuid}`;
}

export function unhold(uuid: string): string {
  return `uuid_hold off ${uuid}`;
}

/** Mutes one way of the channel's audio: `read` is what the caller says, `write` what the caller hears. */
export function mute(uuid: string, way: 'read' | 'write'): string {
  return `uuid_audio ${uuid} start ${way} mute -4`;
}

/** Ends every mute `mute` put on the channel. */
export function unmute(uuid: string): string {
  return `uuid_audio ${uuid} stop`;
}

export function setVariable(uuid: string, name: string, value: string): string {
  return `uuid_setvar ${uuid} ${name} ${value}`;
}

/** Bridges two channels of the same media server. */
export function bridge(a: string, b: string): string {
  return `uuid_bridge ${a} ${b}`;
}

/** Asks whether a channel exists; the answer reads as `existsAnswer`. */
export function exists(uuid: string): string {
  return `uuid_exists ${uuid}`;
}

/** What a `uuid_exists` answer says: the channel is there, is not, or (an odd answer) nobody can tell. */
export function existsAnswer(reply: string): boolean | undefined {
  const word = reply.trim();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}

/** A conference's members, one `id;…;uuid;…` line each (read with `conferenceMember`). */
export function conferenceList(name: string): string {
  return `conference ${name} list`;
}

/** The member id of a channel in a `conferenceList` answer. */
export function conferenceMember(list: string, uuid: string): string | undefined {
  return list.split('\n').find((line) => line.split(';')[2] === uuid)?.split(';')[0];
}

export function conferenceKick(name: string, memberId: string): string {
  return `conference ${name} kick ${memberId}`;
}

/** The `conference` application's argument: the conference on the default profile. */
export function conferenceArgument(name: string): string {
  return `${name}@default`;
}

/** US ringback (440+480 Hz, 2 s on, 4 s off), played until broken. */
export const RINGBACK = 'tone_stream://%(2000,4000,440,480);loops=-1';

/** The endpoint a destination is dialled at; undefined for a kind FreeSWITCH cannot dial here. */
export function endpoint(kind: string, target: string, gateway: string): string | undefined {
  const bare = target.replace(/^sips?:/i, '');
  switch (kind) {
    case 'tel':
      return `sofia/gateway/${gateway}/${bare}`;
    case 'sip':
      return `sofia/external/${bare}`;
    case 'extension':
    case 'endpoint':
      return `user/${bare}`;
    default:
      return undefined;
  }
}

/** A dial-string variable value: quoted when it holds what would split it. */
function dialValue(value: string): string {
  const clean = value.replace(/['{}]/g, '');
  return /[\s,]/.test(clean) ? `'${clean}'` : clean;
}

/** Dials `to` with channel variables, and parks the channel once answered (its flow drives it from there). */
export function originate(variables: Record<string, string>, to: string): string {
  return `originate {${Object.entries(variables).map(([name, value]) => `${name}=${dialValue(value)}`).join(',')}}${to} &park()`;
}

/** Dials the endpoints together with channel variables; the one that answers runs `app` with `arg`. */
export function originateApp(variables: Record<string, string>, endpoints: readonly string[], app: string, arg: string): string {
  return `originate {${Object.entries(variables).map(([name, value]) => `${name}=${dialValue(value)}`).join(',')}}${endpoints.join(',')} &${app}(${oneLine(arg)})`;
}

/** The hangup cause in an originate's `-ERR <CAUSE>` answer. */
export function causeOfOriginate(reply: string): string {
  return /-ERR\s+([A-Z_]+)/.exec(reply)?.[1] ?? 'NORMAL_TEMPORARY_FAILURE';
}

/** What Kazoo's manual presence states mean to a phone's busy lamp: the dialog's answer-state and the channel state. */
const PRESENCE_STATES = {
  idle: { answer: 'terminated', channel: 'CS_HANGUP', status: 'Available' },
  ringing: { answer: 'early', channel: 'CS_ROUTING', status: 'Ringing' },
  busy: { answer: 'confirmed', channel: 'CS_EXCHANGE_MEDIA', status: 'Busy' },
} as const;

/**
 * The headers of a PRESENCE_IN event for `user@realm`, sent with `sendevent` (mod_event_socket):
 * the set FreeSWITCH's own presence sources fire (mod_sofia's `sofia_presence_resub_callback`,
 * mod_fifo's `send_presence`): proto, login, from, status, rpid, event_type presence with
 * alt_event_type dialog, event_count, unique-id, channel-state and answer-state.
 */
export function presenceIn(presenceId: string, state: keyof typeof PRESENCE_STATES, uniqueId: string): Record<string, string> {
  const { answer, channel, status } = PRESENCE_STATES[state];
  const user = presenceId.slice(0, presenceId.indexOf('@'));
  return {
    proto: 'any',
    login: oneLine(user),
    from: oneLine(presenceId),
    status: status,
    rpid: 'unknown',
    event_type: 'presence',
    alt_event_type: 'dialog',
    event_count: '1',
    'unique-id': oneLine(uniqueId),
    'channel-state': channel,
    'answer-state': answer,
    'Presence-Call-Direction': 'inbound',
  };
}

/** A directory user of the switch (a registered device): `user/<name>[@<domain>]`. */
export function userEndpoint(username: string, domain: string): string {
  return `user/${username}${domain === '' ? '' : `@${domain}`}`;
}

/** One endpoint of a bridge and its own `[...]` variables (leg_timeout, leg_delay_start). */
export interface DialLeg {
  endpoint: string;
  variables: Record<string, string>;
}

/**
 * The bridge application's dial string: `{globals}` for every leg, then the legs with
 * their `[variables]`, joined by `,` to ring together or `|` to ring one after another.
 */
export function dialString(legs: readonly DialLeg[], options: { sequential: boolean; globals: Record<string, string> }): string {
  const block = (variables: Record<string, string>) => Object.entries(variables).map(([name, value]) => `${name}=${dialValue(value)}`).join(',');
  const globals = block(options.globals);
  return `${globals === '' ? '' : `{${globals}}`}${legs.map((leg) => `${Object.keys(leg.variables).length === 0 ? '' : `[${block(leg.variables)}]`}${leg.endpoint}`).join(options.sequential ? '|' : ',')}`;
}

/**
 * The `ringback` variable's value: a FreeSWITCH tone (`%(on,off,freq…)`) or
 * `tone_stream://` as written, anything else a file or URL to play.
 */
export function ringbackValue(ringback: string): string {
  return oneLine(ringback.trim());
}

/** `record`'s argument: the file, and the most seconds it may last. */
export function recordArgument(path: string, limitSeconds: number): string {
  return `${path} ${Math.max(1, Math.ceil(limitSeconds))}`;
}

/**
 * The headers of a MESSAGE_WAITING event, as mod_sofia reads them to NOTIFY a phone's
 * message-summary (sofia_presence.c, sofia_presence_mwi_event_handler): the account
 * `sip:<user>@<realm>`, whether messages wait, and the counts `new/saved (urgent new/urgent saved)`.
 */
export function messageWaiting(user: string, realm: string, counts: { new: number; saved: number }): Record<string, string> {
  return {
    'MWI-Messages-Waiting': counts.new > 0 ? 'yes' : 'no',
    'MWI-Message-Account': `sip:${user}@${realm}`,
    'MWI-Voice-Message': `${counts.new}/${counts.saved} (0/0)`,
  };
}

/** The `conference` application's argument with member flags (`moderator`, `mute`, `deaf`). */
export function conferenceJoinArgument(name: string, flags: readonly string[]): string {
  return `${conferenceArgument(name)}${flags.length > 0 ? `+flags{${flags.join('|')}}` : ''}`;
}

/** A leg whose phone is asked to answer by itself: `sip_auto_answer` (mod_sofia sends Call-Info `answer-after=0`). */
export function autoAnswerLeg(endpoint: string): string {
  return `{sip_auto_answer=true}${endpoint}`;
}

/** How many members a `conferenceList` answer names (none when the conference is not running). */
export function conferenceMemberCount(list: string): number {
  if (list.startsWith('-ERR') || /not found/i.test(list)) return 0;
  return list.split('\n').filter((line) => line.split(';').length > 2).length;
}
