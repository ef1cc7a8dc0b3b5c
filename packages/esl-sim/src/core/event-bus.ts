import type { SimClock } from '../clock.js';
import { EslEvent, type Header } from '../protocol/event.js';

/** Where an event claims to come from (`Event-Calling-*`), as in FreeSWITCH's sources. */
export interface EventOrigin {
  file: string;
  func: string;
  line: number;
}

/** The switch's identity, stamped on every event. */
export interface SwitchIdentity {
  coreUuid: string;
  hostname: string;
  switchname: string;
  ipv4: string;
  ipv6: string;
}

export interface EventSink {
  /** Whether the sink takes events of this type at all; its filters are applied in `deliver`. */
  wants(name: string, subclass: string | undefined): boolean;
  deliver(event: EslEvent): void;
}

export interface EventContent {
  headers: Header[];
  body?: string;
}

const DEFAULT_ORIGIN: EventOrigin = { file: 'switch_core_state_machine.c', func: 'switch_core_session_run', line: 0 };

const pad = (n: number) => String(n).padStart(2, '0');

/** `%Y-%m-%d %T` in local time. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * Fans events out to the listeners. Building an event's headers is the costly part
 * (a channel has a hundred), so it happens only when some sink takes that type.
 */
export class EventBus {
  private readonly sinks = new Set<EventSink>();
  private sequence = 0;

  constructor(
    private readonly clock: SimClock,
    readonly identity: SwitchIdentity,
  ) {}

  add(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Returns the event when some sink took its type, undefined otherwise. */
  fire(name: string, build: () => EventContent, options: { subclass?: string; origin?: EventOrigin } = {}): EslEvent | undefined {
    const sequence = ++this.sequence;
    const takers = [...this.sinks].filter((sink) => sink.wants(name, options.subclass));
    if (takers.length === 0) return undefined;
    const content = build();
    const headers = [...this.coreHeaders(name, sequence, options.subclass, options.origin ?? DEFAULT_ORIGIN), ...content.headers];
    const event = new EslEvent(name, headers, content.body, options.subclass);
    for (const sink of takers) sink.deliver(event);
    return event;
  }

  /**
   * An event with the core headers that is not fired: the CHANNEL_DATA of a connect
   * reply is built this way.
   */
  compose(name: string, content: EventContent, origin: EventOrigin = DEFAULT_ORIGIN): EslEvent {
    const sequence = ++this.sequence;
    return new EslEvent(name, [...this.coreHeaders(name, sequence, undefined, origin), ...content.headers], content.body);
  }

  private coreHeaders(name: string, sequence: number, subclass: string | undefined, origin: EventOrigin): Header[] {
    const micros = this.clock.nowMicros();
    const ms = Math.floor(micros / 1000);
    const headers: Header[] = [];
    if (subclass !== undefined) headers.push(['Event-Subclass', subclass]);
    headers.push(
      ['Event-Name', name],
      ['Core-UUID', this.identity.coreUuid],
      ['FreeSWITCH-Hostname', this.identity.hostname],
      ['FreeSWITCH-Switchname', this.identity.switchname],
      ['FreeSWITCH-IPv4', this.identity.ipv4],
      ['FreeSWITCH-IPv6', this.identity.ipv6],
      ['Event-Date-Local', localDate(ms)],
      ['Event-Date-GMT', new Date(ms).toUTCString()],
      ['Event-Date-Timestamp', String(micros)],
      ['Event-Calling-File', origin.file],
      ['Event-Calling-Function', origin.func],
      ['Event-Calling-Line-Number', String(origin.line)],
      ['Event-Sequence', String(sequence)],
    );
    return headers;
  }
}
