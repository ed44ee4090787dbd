import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '@/lib/webhooks/private-addresses';
import { signatureHeader } from '@/lib/webhooks/signature';

describe('addresses a webhook may not reach without the admin’s permission', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    'fe80::1%eth0',
    'fd00:ec2::254',
    'fc00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    // "This host" mapped into IPv6: Linux connects it to the local machine.
    '::ffff:0.0.0.0',
    '::ffff:0:0',
    // IPv4-translated (SIIT) and local-use NAT64: IPv4 addresses again, behind a translator.
    '::ffff:0:7f00:1',
    '64:ff9b:1::a00:1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe('the signature header', () => {
  it('is t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">', () => {
    const body = '{"id":"1","type":"message.created"}';
    const header = signatureHeader('secret', body, new Date('2026-11-30T12:00:00Z'));
    const expected = createHmac('sha256', 'secret').update(`1796040000.${body}`).digest('hex');
    expect(header).toBe(`t=1796040000,v1=${expected}`);
  });
});
