import type { EventFormat, Header } from './event.js';

/**
 * The messages mod_event_socket writes, byte for byte: LF line ends, a blank line
 * after the headers, and `Content-Length` counting bytes, not characters.
 */
export const AUTH_REQUEST = 'Content-Type: auth/request\n\n';

export const GOODBYE = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
export const SHUTTING_DOWN = 'The system is being shut down.\n';

/** `command/reply` with `Reply-Text` and, as bgapi and userauth do, further headers. */
export function commandReply(replyText: string, extra: readonly Header[] = []): string {
  let text = `Content-Type: command/reply\nReply-Text: ${replyText}\n`;
  for (const [name, value] of extra) text += `${name}: ${value}\n`;
  return `${text}\n`;
}

/** `api/response`; FreeSWITCH answers an empty result with `-ERR no reply`. */
export function apiResponse(output: string): string {
  const body = output === '' ? '-ERR no reply\n' : output;
  return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
}

/** An event as delivered to a listener: the outer headers put Content-Length first. */
export function eventFrame(format: EventFormat, payload: string): string {
  return `Content-Length: ${Buffer.byteLength(payload)}\nContent-Type: text/event-${format}\n\n${payload}`;
}

/** Sent when a listener ends; a session-bound one names its session. */
export function disconnectNotice(message: string, controlledSession?: string): string {
  const length = Buffer.byteLength(message);
  if (controlledSession !== undefined) {
    return `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${controlledSession}\nContent-Disposition: disconnect\nContent-Length: ${length}\n\n${message}`;
  }
  return `Content-Type: text/disconnect-notice\nContent-Length: ${length}\n\n${message}`;
}

/** Sent when the controlled channel hangs up on a lingering listener; -1 means forever. */
export function lingerNotice(session: string, channelName: string, lingerSeconds: number): string {
  return (
    'Content-Type: text/disconnect-notice\n' +
    `Controlled-Session-UUID: ${session}\n` +
    'Content-Disposition: linger\n' +
    `Channel-Name: ${channelName}\n` +
    `Linger-Time: ${lingerSeconds}\n` +
    'Content-Length: 0\n\n'
  );
}
