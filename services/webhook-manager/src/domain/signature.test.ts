import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signatureOf, verifySignature } from './signature.js';

describe('signatures', () => {
  const now = 1_800_000_000_000;
  const t = now / 1000;

  it('is t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>', () => {
    const expected = createHmac('sha256', 'shh').update(`${t}.{"a":1}`).digest('hex');
    expect(signatureOf('shh', t, '{"a":1}')).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies with the right secret and body only', () => {
    const header = signatureOf('shh', t, 'body');
    expect(verifySignature('shh', header, 'body', { now })).toBe(true);
    expect(verifySignature('other', header, 'body', { now })).toBe(false);
    expect(verifySignature('shh', header, 'body!', { now })).toBe(false);
    expect(verifySignature('shh', undefined, 'body', { now })).toBe(false);
    expect(verifySignature('shh', 'garbage', 'body', { now })).toBe(false);
  });

  it('refuses an old signature (replay) and accepts several v1 values (secret rotation)', () => {
    const header = signatureOf('shh', t, 'body');
    expect(verifySignature('shh', header, 'body', { now: now + 301_000 })).toBe(false);
    expect(verifySignature('shh', header, 'body', { now: now + 301_000, toleranceSeconds: 600 })).toBe(true);
    const rotated = `${signatureOf('old', t, 'body')},${header.split(',')[1]}`;
    expect(verifySignature('shh', rotated, 'body', { now })).toBe(true);
  });
});
