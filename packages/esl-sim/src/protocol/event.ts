import { emptyRecord } from '@voxmesh/wire';
import { urlEncode } from './url-encoding.js';

export type Header = readonly [name: string, value: string];
export type EventFormat = 'plain' | 'json' | 'xml';

/**
 * One FreeSWITCH event: an ordered list of headers (order matters to readers of the
 * plain format) and an optional body. Serialized forms are cached because one event
 * usually goes to several listeners in the same format.
 */
export class EslEvent {
  private readonly lookups = new Map<string, string | undefined>();
  private readonly serialized: Partial<Record<EventFormat, string>> = {};

  constructor(
    readonly name: string,
    readonly headers: readonly Header[],
    readonly body?: string,
    readonly subclass?: string,
  ) {}

  /**
   * A header's value, its name compared case-insensitively as FreeSWITCH does.
   * Filters ask every event for the same few names, so answers are remembered.
   */
  get(name: string): string | undefined {
    if (this.lookups.has(name)) return this.lookups.get(name);
    const lower = name.toLowerCase();
    let found: string | undefined;
    for (const [key, value] of this.headers) {
      if (key.length === name.length && (key === name || key.toLowerCase() === lower)) {
        found = value;
        break;
      }
    }
    this.lookups.set(name, found);
    return found;
  }

  serialize(format: EventFormat): string {
    const cached = this.serialized[format];
    if (cached !== undefined) return cached;
    const text = format === 'plain' ? serializePlain(this.headers, this.body) : format === 'json' ? serializeJson(this.headers, this.body) : serializeXml(this.headers, this.body);
    this.serialized[format] = text;
    return text;
  }
}

/**
 * `switch_event_serialize` with encoding on: `Name: value` lines with URL-encoded
 * values (`_undef_` for an empty one), then either a blank line or, when there is a
 * body, an inner `Content-Length` and the raw body.
 */
export function serializePlain(headers: readonly Header[], body?: string): string {
  let text = '';
  for (const [name, value] of headers) text += `${name}: ${value === '' ? '_undef_' : urlEncode(value)}\n`;
  if (body) text += `Content-Length: ${Buffer.byteLength(body)}\n\n${body}`;
  else text += '\n';
  return text;
}

/** `switch_event_serialize_json`: one flat object of strings, the body as `_body`. */
export function serializeJson(headers: readonly Header[], body?: string): string {
  const object = emptyRecord<string>();
  for (const [name, value] of headers) object[name] = value;
  if (body !== undefined) {
    object['Content-Length'] = String(Buffer.byteLength(body));
    object._body = body;
  }
  return JSON.stringify(object);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** `switch_event_xmlize`: URL-encoded header values under <headers>, then the body. */
export function serializeXml(headers: readonly Header[], body?: string): string {
  let text = '<event>\n  <headers>\n';
  for (const [name, value] of headers) text += `    <${name}>${escapeXml(urlEncode(value))}</${name}>\n`;
  text += '  </headers>\n';
  if (body) text += `  <Content-Length>${Buffer.byteLength(body)}</Content-Length>\n  <body>${escapeXml(body)}</body>\n`;
  return `${text}</event>`;
}
