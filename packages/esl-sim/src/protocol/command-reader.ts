import type { Header } from './event.js';

/** One command from a client: its first line, its `Name: value` lines and a body. */
export interface EslCommand {
  line: string;
  headers: Header[];
  body?: string;
}

/** mod_event_socket caps a command at about 1 MB; a client sending more is cut off. */
const MAX_COMMAND_BYTES = 1024 * 1000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class CommandTooLarge extends Error {
  constructor() {
    super('command too large');
    this.name = 'CommandTooLarge';
  }
}

/**
 * Splits a client's byte stream into commands the way `read_packet` does: CRs are
 * ignored, blank lines before a command are skipped, a command ends at the second LF
 * in a row, a header splits at its first ':' with the spaces after it dropped, and a
 * `Content-Length` header (any case) makes that many bytes after the blank line the
 * body.
 */
export class CommandReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): EslCommand[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const commands: EslCommand[] = [];
    for (;;) {
      const command = this.next();
      if (!command) break;
      commands.push(command);
    }
    if (this.buffer.length > MAX_COMMAND_BYTES + MAX_BODY_BYTES) throw new CommandTooLarge();
    return commands;
  }

  private next(): EslCommand | undefined {
    let start = 0;
    while (start < this.buffer.length && (this.buffer[start] === 0x0a || this.buffer[start] === 0x0d)) start++;
    let newlines = 0;
    let end = -1;
    for (let i = start; i < this.buffer.length; i++) {
      const byte = this.buffer[i];
      if (byte === 0x0a) {
        if (++newlines === 2) {
          end = i + 1;
          break;
        }
      } else if (byte !== 0x0d) {
        newlines = 0;
      }
    }
    if (end < 0) {
      if (this.buffer.length - start > MAX_COMMAND_BYTES) throw new CommandTooLarge();
      if (start > 0) this.buffer = this.buffer.subarray(start);
      return undefined;
    }
    const lines = this.buffer
      .toString('utf8', start, end)
      .split('\n')
      .map((line) => line.replace(/\r/g, ''));
    const line = lines[0] ?? '';
    const headers: Header[] = [];
    let bodyLength = 0;
    for (const raw of lines.slice(1)) {
      if (raw === '') continue;
      const colon = raw.indexOf(':');
      if (colon < 0) continue;
      const name = raw.slice(0, colon);
      const value = raw.slice(colon + 1).replace(/^ +/, '');
      headers.push([name, value]);
      if (name.toLowerCase() === 'content-length') bodyLength = Math.max(0, parseInt(value, 10) || 0);
    }
    if (bodyLength > MAX_BODY_BYTES) throw new CommandTooLarge();
    if (bodyLength > 0) {
      if (this.buffer.length < end + bodyLength) {
        if (start > 0) this.buffer = this.buffer.subarray(start);
        return undefined;
      }
      const body = this.buffer.toString('utf8', end, end + bodyLength);
      this.buffer = this.buffer.subarray(end + bodyLength);
      return { line, headers, body };
    }
    this.buffer = this.buffer.subarray(end);
    return { line, headers };
  }
}

/** A command header's value by case-insensitive name, as `switch_event_get_header`. */
export function headerOf(command: EslCommand, name: string): string | undefined {
  const lower = name.toLowerCase();
  return command.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}
