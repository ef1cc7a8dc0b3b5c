import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Requests are signed Stripe-style: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + content)>`,
 * where content is the raw body, or for a GET the raw query string (what carries the
 * payload). The timestamp lets a receiver refuse replays; voipbin signs without one.
 */
export const SIGNATURE_HEADER = 'X-Webhook-Signature';

export function signatureOf(secret: string, unixSeconds: number, content: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(content).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface VerifyOptions {
  /** How old a signature may be, in seconds (default 300). */
  toleranceSeconds?: number;
  now?: number;
}

/** What a receiver does: true when one `v1` matches and the timestamp is recent enough. */
export function verifySignature(secret: string, header: string | undefined, content: string | Buffer, options: VerifyOptions = {}): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isSafeInteger(t)) return false;
  const now = options.now ?? Date.now();
  if (Math.abs(now / 1000 - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureOf(secret, t, content).split('v1=')[1]!, 'hex');
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
