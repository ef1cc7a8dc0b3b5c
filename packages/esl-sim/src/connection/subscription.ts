import type { EslEvent, EventFormat } from '../protocol/event.js';
import { EVENT_NAMES, eventNameOf } from '../protocol/event-names.js';
import { passesFilters, type Filter } from './filters.js';

/** The events `myevents` subscribes to. */
const MY_EVENTS = [
  'CHANNEL_ANSWER', 'CHANNEL_APPLICATION', 'CHANNEL_BRIDGE', 'CHANNEL_CREATE', 'CHANNEL_DATA', 'CHANNEL_DESTROY',
  'CHANNEL_EXECUTE', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_ORIGINATE',
  'CHANNEL_UUID', 'CHANNEL_OUTGOING', 'CHANNEL_PARK', 'CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_STATE',
  'CHANNEL_UNBRIDGE', 'CHANNEL_UNPARK', 'DETECTED_SPEECH', 'DTMF', 'NOTALK', 'TALK',
];

/**
 * Which events a listener gets and in what format: its `event` / `nixevent` /
 * `noevents` subscription, its filters and `myevents`, as mod_event_socket keeps them
 * per listener. The command methods return the reply text FreeSWITCH sends.
 */
export class Subscription {
  format: EventFormat = 'plain';
  private on = false;
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();
  private filters: Filter[] = [];
  private myEventsOn = false;

  get myEvents(): boolean {
    return this.myEventsOn;
  }

  wants(name: string, subclass: string | undefined): boolean {
    if (!this.on) return false;
    if (this.names.has('ALL')) return true;
    if (!this.names.has(name)) return false;
    return name !== 'CUSTOM' || subclass === undefined || this.subclasses.has(subclass);
  }

  /**
   * The UUIDs an event must name (as Unique-ID or Job-Owner-UUID) to reach this
   * listener: those of its filters when they are all plain positive filters on those
   * two headers (what the esl server sets up), else its myevents session.
   */
  routingKeys(sessionUuid: string | undefined): readonly string[] | undefined {
    if (this.filters.length > 0 && this.filters.every(([header, value]) => /^(unique-id|job-owner-uuid)$/i.test(header) && /^[+ ]*[^-/+ ]/.test(value))) {
      return this.filters.map(([, value]) => value.replace(/^[+ ]+/, ''));
    }
    if (this.myEventsOn && sessionUuid !== undefined) return [sessionUuid];
    return undefined;
  }

  /** Past the filters, and with `myevents` only the events of the listener's session (or of no session's jobs). */
  passes(event: EslEvent, sessionUuid: string | undefined): boolean {
    if (!passesFilters(event, this.filters)) return false;
    if (!this.myEventsOn) return true;
    const uuid = event.get('Unique-ID');
    let send = uuid !== undefined && (sessionUuid === undefined || uuid === sessionUuid);
    if (sessionUuid !== undefined && event.get('Job-Owner-UUID') === sessionUuid) send = true;
    return send;
  }

  filter(text: string): string {
    const trimmed = text.replace(/^ +/, '');
    const space = trimmed.indexOf(' ');
    let name = space < 0 ? trimmed : trimmed.slice(0, space);
    let value: string | undefined = space < 0 ? undefined : trimmed.slice(space + 1);
    if (name.toLowerCase() === 'delete' && value !== undefined) {
      const inner = value.indexOf(' ');
      name = inner < 0 ? value : value.slice(0, inner);
      value = inner < 0 ? undefined : value.slice(inner + 1);
      if (name.toLowerCase() === 'all') this.filters = [];
      else this.filters = this.filters.filter(([h, v]) => h.toLowerCase() !== name.toLowerCase() || (value !== undefined && v !== value));
      return `+OK filter deleted. [${name}][${value ?? ''}]`;
    }
    if (value === undefined) return '-ERR invalid syntax';
    if (name.toLowerCase() === 'add') {
      const inner = value.indexOf(' ');
      name = inner < 0 ? value : value.slice(0, inner);
      value = inner < 0 ? '' : value.slice(inner + 1);
    }
    this.filters.push([name, value]);
    return `+OK filter added. [${name}]=[${value}]`;
  }

  /** `myevents`: the session's events, in the format the line names. */
  enableMyEvents(line: string): string {
    for (const name of MY_EVENTS) this.names.add(name);
    this.myEventsOn = true;
    this.on = true;
    if (/xml/i.test(line)) this.format = 'xml';
    if (/json/i.test(line)) this.format = 'json';
    return '+OK Events Enabled';
  }

  /** `event [plain|json|xml] <names…>`: CUSTOM makes the words after it subclass names. */
  subscribe(text: string): string {
    const space = text.indexOf(' ');
    if (space < 0) return '-ERR no keywords supplied';
    let keys = 0;
    let custom = false;
    text
      .slice(space + 1)
      .split(' ')
      .forEach((word, index) => {
        if (index === 0 && /^(plain|json|xml)$/i.test(word)) {
          this.format = word.toLowerCase() as EventFormat;
          return;
        }
        if (custom) {
          if (word !== '') this.subclasses.add(word);
          return;
        }
        const name = eventNameOf(word);
        if (!name) return;
        keys++;
        if (name === 'ALL') for (const each of EVENT_NAMES) this.names.add(each);
        this.names.add(name);
        if (name === 'CUSTOM') custom = true;
      });
    if (keys === 0) return '-ERR no keywords supplied';
    this.on = true;
    return `+OK event listener enabled ${this.format}`;
  }

  nixevent(text: string): string {
    const space = text.indexOf(' ');
    if (space < 0) return '-ERR no keywords supplied';
    let keys = 0;
    let custom = false;
    for (const word of text.slice(space + 1).split(' ')) {
      if (custom) {
        this.subclasses.delete(word);
        continue;
      }
      const name = eventNameOf(word);
      if (!name) continue;
      keys++;
      if (name === 'CUSTOM') custom = true;
      else if (name === 'ALL') this.names.clear();
      else {
        if (this.names.delete('ALL')) for (const each of EVENT_NAMES) if (each !== 'ALL') this.names.add(each);
        this.names.delete(name);
      }
    }
    if (keys === 0) return '-ERR no keywords supplied';
    this.on = true;
    return '+OK events nixed';
  }

  noevents(): string {
    if (!this.on) return '-ERR not listening for events';
    this.on = false;
    this.names.clear();
    this.subclasses.clear();
    return '+OK no longer listening for events';
  }
}
