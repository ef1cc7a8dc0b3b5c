import { describe, expect, it } from '@jest/globals';
import { TargetGuard, TargetRefused, isPrivateAddress } from './target-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2606:4700:4700::1111', false],
    ['not an address', true],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('TargetGuard', () => {
  const resolver = (answers: Record<string, string[]>) => async (host: string) => (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses non-http schemes, private literals and localhost without asking DNS', () => {
    const guard = new TargetGuard({ allowPrivate: false, resolver: async () => [] });
    expect(() => guard.checkUrl(new URL('file:///etc/passwd'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('http://127.0.0.1/'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('http://[::1]:8080/'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('http://api.localhost/'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('https://8.8.8.8/'))).not.toThrow();
  });

  it('refuses a name when any of its addresses is private (DNS pointing inside)', async () => {
    const guard = new TargetGuard({ allowPrivate: false, resolver: resolver({ 'inside.example.com': ['93.184.216.34', '10.0.0.5'], 'outside.example.com': ['93.184.216.34'] }) });
    await expect(guard.resolve('inside.example.com')).rejects.toThrow(/10\.0\.0\.5/);
    await expect(guard.resolve('outside.example.com')).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
    await expect(guard.resolve('nowhere.example.com')).rejects.toThrow(/no address/);
  });

  it('lets everything through when the operator allows private targets', async () => {
    const guard = new TargetGuard({ allowPrivate: true, resolver: resolver({ 'inside.example.com': ['10.0.0.5'] }) });
    expect(() => guard.checkUrl(new URL('http://127.0.0.1/'))).not.toThrow();
    await expect(guard.resolve('inside.example.com')).resolves.toHaveLength(1);
    expect(() => guard.checkUrl(new URL('ftp://127.0.0.1/'))).toThrow(TargetRefused);
  });
});
