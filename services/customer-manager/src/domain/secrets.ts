import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Kazoo's ids: 32 hex digits. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** 64 hex digits, as Kazoo's API keys look. */
export function newApiKey(): string {
  return randomBytes(32).toString('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newWebhookSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function newSipPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** For secrets with 256 bits of entropy a fast hash is enough, and it can be looked up. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Kazoo's user_auth credentials: hashes of "username:password", the username lower-cased. */
export function credentialsOf(username: string, password: string): { md5: string; sha1: string } {
  const text = `${username.toLowerCase()}:${password}`;
  return { md5: createHash('md5').update(text).digest('hex'), sha1: createHash('sha1').update(text).digest('hex') };
}

const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LENGTH = 32;

function scryptAsync(value: string, salt: Buffer, cost: number): Promise<Buffer> {
  const N = 2 ** cost;
  return new Promise((resolve, reject) => {
    scrypt(value, salt, KEY_LENGTH, { N, r: SCRYPT_R, p: SCRYPT_P, maxmem: 256 * N * SCRYPT_R }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * A slow hash, `scrypt$<log2 N>$<salt>$<key>`: the md5 credentials are as good as the
 * password to anyone who has them, so they are stored the way a password would be.
 */
export async function slowHash(value: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(value, salt, cost);
  return `scrypt$${cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifySlowHash(value: string, stored: string): Promise<boolean> {
  const [scheme, costText, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !costText || !saltText || !keyText) return false;
  const cost = Number(costText);
  if (!Number.isInteger(cost) || cost < 1 || cost > 22) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const actual = await scryptAsync(value, Buffer.from(saltText, 'base64url'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
