import type { SimClock } from '../clock.js';
import { EslEvent, type Header } from '../protocol/event.js';
import { localStamp } from './dates.js';

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
  /**
   * Channel UUIDs the sink is pinned to: it can only take events whose Unique-ID or
   * Job-Owner-UUID is one of them (an outbound socket filtering on its call).
   * Undefined when it may take any event.
   */
  routingKeys?(): readonly string[] | undefined;
}

export interface EventContent {
  headers: Header[];
  body?: string;
}

export interface FireOptions {
  subclass?: string;
  origin?: EventOrigin;
  /**
   * The event's Unique-ID and Job-Owner-UUID, when the caller knows them, so that only
   * the sinks pinned to those UUIDs are asked. Left out, every pinned sink is asked.
   */
  keys?: readonly string[];
}

const DEFAULT_ORIGIN: EventOrigin = { file: 'switch_core_state_machine.c', func: 'switch_core_session_run', line: 0 };

/**
 * Fans events out to the listeners. Building an event's headers is the costly part
 * (a channel has a hundred), so it happens only when some sink takes that type. With
 * a thousand calls each under its own outbound socket, asking every socket about
 * every event would cost a million checks a second, so sinks pinned to channels are
 * indexed by UUID and only the ones an event names are asked.
 */
export class EventBus {
  private readonly general = new Set<EventSink>();
  private readonly pinned = new Map<EventSink, readonly string[]>();
  private readonly byKey = new Map<string, Set<EventSink>>();
  private sequence = 0;

  constructor(
    private readonly clock: SimClock,
    readonly identity: SwitchIdentity,
  ) {}

  add(sink: EventSink): () => void {
    this.general.add(sink);
    this.rekey(sink);
    return () => this.remove(sink);
  }

  /** Files the sink under its routing keys again; called when its filters change. */
  rekey(sink: EventSink): void {
    this.unpin(sink);
    const keys = sink.routingKeys?.();
    if (keys === undefined || keys.length === 0 || !this.general.delete(sink)) return;
    const lowered = keys.map((key) => key.toLowerCase());
    this.pinned.set(sink, lowered);
    for (const key of lowered) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(sink);
    }
  }

  private unpin(sink: EventSink): void {
    const keys = this.pinned.get(sink);
    if (!keys) return;
    this.pinned.delete(sink);
    this.general.add(sink);
    for (const key of keys) {
      const set = this.byKey.get(key);
      set?.delete(sink);
      if (set?.size === 0) this.byKey.delete(key);
    }
  }

  private remove(sink: EventSink): void {
    this.unpin(sink);
    this.general.delete(sink);
  }

  /** Returns the event when some sink took its type, undefined otherwise. */
  fire(name: string, build: () => EventContent, options: FireOptions = {}): EslEvent | undefined {
    const sequence = ++this.sequence;
    const takers = new Set<EventSink>();
    const consider = (sink: EventSink) => {
      if (sink.wants(name, options.subclass)) takers.add(sink);
    };
    for (const sink of this.general) consider(sink);
    if (options.keys === undefined) for (const sink of this.pinned.keys()) consider(sink);
    else for (const key of options.keys) for (const sink of this.byKey.get(key.toLowerCase()) ?? []) consider(sink);
    if (takers.size === 0) return undefined;
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
      ['Event-Date-Local', localStamp(ms)],
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
