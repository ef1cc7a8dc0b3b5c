import type { Header } from '../protocol/event.js';

/** What an inbound listener answers before it is authenticated, and whether it then lets the client in or hangs up. */
export type AuthOutcome = { outcome: 'accepted'; headers: readonly Header[] } | { outcome: 'refused' } | { outcome: 'not_a_login' };

/** `auth <password>` or `userauth <user>@<domain>:<password>`; anything else is no command yet. */
export function authenticate(line: string, password: string): AuthOutcome {
  const lower = line.toLowerCase();
  if (lower.startsWith('auth ')) return line.slice(5) === password ? { outcome: 'accepted', headers: [] } : { outcome: 'refused' };
  if (lower.startsWith('userauth ')) {
    // No directory here: any user@domain with the switch's password is let in, with every permission.
    const match = /^userauth\s+([^@:\s]+)@([^:\s]+):(.*)$/i.exec(line);
    if (!match || match[3] !== password) return { outcome: 'refused' };
    return {
      outcome: 'accepted',
      headers: [
        ['Allowed-Events', 'all'],
        ['Allowed-API', 'all'],
        ['Allowed-LOG', 'true'],
      ],
    };
  }
  return { outcome: 'not_a_login' };
}
