import { describe, expect, it } from '@jest/globals';
import { isPrivateAddress } from './private-ranges.js';

describe('isPrivateAddress', () => {
  it.each([
    // private, loopback, link-local and "this" network
    ['10.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.5.4', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    // carrier-grade NAT, documentation, benchmarking, multicast, reserved
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['100.128.0.1', false],
    ['192.0.2.10', true],
    ['198.51.100.7', true],
    ['203.0.113.99', true],
    ['198.18.0.1', true],
    ['224.0.0.1', true],
    ['239.255.255.250', true],
    ['255.255.255.255', true],
    // public
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['93.184.216.34', false],
    // IPv6: loopback, unspecified, unique local, link-local, multicast, documentation, NAT64, 6to4
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['2001:db8::1', true],
    ['3fff::1', true],
    ['64:ff9b::a00:1', true],
    ['2002:7f00:1::', true],
    ['2606:4700:4700::1111', false],
    ['2a00:1450:4001:80b::200e', false],
    // IPv4 written as IPv6, dotted or in hex (as the URL parser writes it)
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a9fe:a9fe', true],
    ['::ffff:8.8.8.8', false],
    ['::ffff:808:808', false],
    // not an address at all
    ['not an address', true],
    ['', true],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
