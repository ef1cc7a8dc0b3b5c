import { createHmac } from 'node:crypto';

/** The header Twilio's `validateRequest` is given, for TwiML applications. */
export const TWILIO_SIGNATURE = 'x-twilio-signature';
/** Ours, for Kazoo-format requests: the same construction over SHA-256. */
export const VOXMESH_SIGNATURE = 'x-voxmesh-signature';

/**
 * Twilio's request signature: the full URL (with its query), then every field name
 * followed by its value, names in sorted order (a repeated name's values sorted too),
 * HMAC'd with the account's secret and base64-encoded. A GET's fields are in the URL,
 * so it is signed with no fields, as Twilio does.
 */
export function requestSignature(algorithm: 'sha1' | 'sha256', secret: string, url: string, fields: [string, string][]): string {
  const sorted = [...fields].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac(algorithm, secret).update(data, 'utf8').digest('base64');
}
