import { describe, expect, it } from '@jest/globals';
import { guardedLookup, isPrivateAddress, refusedLiteral } from './target-guard.js';

describe('fetch target guard', () => {
  it('knows private, loopback and link-local addresses from public ones', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect({ address, private: isPrivateAddress(address) }).toEqual({ address, private: true });
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses literal private hosts and names that resolve only to private addresses', async () => {
    expect(refusedLiteral('127.0.0.1', false)).toBe(true);
    expect(refusedLiteral('[::1]', false)).toBe(true);
    expect(refusedLiteral('127.0.0.1', true)).toBe(false);
    expect(refusedLiteral('example.com', false)).toBe(false);
    const lookup = guardedLookup(false)!;
    const error = await new Promise<Error | null>((resolve) => lookup('localhost', { all: true }, (failure) => resolve(failure)));
    expect(error?.name).toBe('TargetRefused');
    expect(guardedLookup(true)).toBeUndefined();
  });
});
