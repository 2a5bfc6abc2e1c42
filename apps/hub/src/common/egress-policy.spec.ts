import { AllowList, isThisMachine, nonPublicReason, parseAllowEntry, sameAddress } from './egress-policy';

describe('nonPublicReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['192.0.2.1', 'reserved'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['2002:7f00:1::1', 'reserved'],
    ['::7f00:1', 'reserved'],
  ])('refuses %s as %s', (address, what) => {
    const reason = nonPublicReason(address);
    expect(reason).not.toBeNull();
    expect(reason!.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(reason!.en).toContain(what);
  });

  it('accepts public unicast addresses of either family', () => {
    expect(nonPublicReason('93.184.215.14')).toBeNull();
    expect(nonPublicReason('8.8.8.8')).toBeNull();
    expect(nonPublicReason('2606:2800:220:1:248:1893:25c8:1946')).toBeNull();
  });

  it('refuses what is not an address at all', () => {
    expect(nonPublicReason('not-an-address')).not.toBeNull();
  });
});

describe('isThisMachine and sameAddress', () => {
  it('takes loopback and unspecified addresses, in any spelling, for this machine', () => {
    expect(isThisMachine('127.0.0.1')).toBe(true);
    expect(isThisMachine('::ffff:127.0.0.1')).toBe(true);
    expect(isThisMachine('0.0.0.0')).toBe(true);
    expect(isThisMachine('93.184.215.14')).toBe(false);
    expect(sameAddress('::ffff:10.0.0.1', '10.0.0.1')).toBe(true);
    expect(sameAddress('2001:db8::1', '2001:0db8:0:0::1')).toBe(true);
    expect(sameAddress('10.0.0.1', '10.0.0.2')).toBe(false);
  });
});

describe(AllowList.name, () => {
  it('reads host names, *.domains, addresses and CIDRs, and nothing else', () => {
    expect(parseAllowEntry('SIEM.Intra.gov.cn')).toEqual({ kind: 'host', name: 'siem.intra.gov.cn' });
    expect(parseAllowEntry('*.intra.gov.cn')).toEqual({ kind: 'suffix', suffix: '.intra.gov.cn' });
    expect(parseAllowEntry('10.20.0.0/16')).toMatchObject({ kind: 'range' });
    expect(parseAllowEntry('127.0.0.1')).toMatchObject({ kind: 'range' });
    expect(parseAllowEntry('[::1]')).toMatchObject({ kind: 'range' });
    for (const bad of ['http://siem.gov.cn', 'siem.gov.cn/x', '10.0.0.0/33', '*', 'a b', '']) {
      expect(parseAllowEntry(bad)).toBeNull();
    }
  });

  it('allows a listed name and names under a listed domain, not the domain itself', () => {
    const sut = new AllowList(['siem.intra.gov.cn', '*.robots.gov.cn']);
    expect(sut.allowsName('SIEM.intra.gov.cn.')).toBe(true);
    expect(sut.allowsName('ding.robots.gov.cn')).toBe(true);
    expect(sut.allowsName('robots.gov.cn')).toBe(false);
    expect(sut.allowsName('evilrobots.gov.cn')).toBe(false);
    expect(sut.allowsName('other.intra.gov.cn')).toBe(false);
  });

  it('allows addresses inside a listed CIDR, IPv4-mapped ones included', () => {
    const sut = new AllowList(['10.20.0.0/16', '127.0.0.1', 'fd00:1::/32']);
    expect(sut.allowsAddress('10.20.3.4')).toBe(true);
    expect(sut.allowsAddress('::ffff:10.20.3.4')).toBe(true);
    expect(sut.allowsAddress('10.21.0.1')).toBe(false);
    expect(sut.allowsAddress('127.0.0.1')).toBe(true);
    expect(sut.allowsAddress('127.0.0.2')).toBe(false);
    expect(sut.allowsAddress('fd00:1::5')).toBe(true);
    expect(sut.allowsAddress('fd00:2::5')).toBe(false);
  });
});
