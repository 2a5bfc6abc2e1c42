import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLIC_ADDRESS, StaticHostResolver } from '../../testing/static-host-resolver';
import { DeliveryError } from './channels/channel';
import { NotifyHttp } from './channels/notify-http';
import { NotifyEgress } from './notify-egress.service';
import { testEgress } from './testing/notify.factory';

const SECRET = 'whsec-egress-0123456789';
const DING = `?access_token=${'a'.repeat(64)}`;

/** A local HTTP server that counts what reaches it. */
async function listen(host: string, port = 0) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('internal secret answer');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(NotifyEgress.name, () => {
  const resolver = () =>
    new StaticHostResolver(
      {
        'hooks.example.com': [PUBLIC_ADDRESS],
        'intranet.example.com': ['127.0.0.1'],
        'mixed.example.com': [PUBLIC_ADDRESS, '10.0.0.7'],
        'metadata.example.com': ['169.254.169.254'],
        'siem.intra.gov.cn': ['10.20.0.5'],
        'ding.intra.gov.cn': ['10.30.0.8'],
      },
      ['127.0.0.1', '::1', '203.0.114.9'],
    );

  it.each([
    ['http://127.0.0.1:5432/', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://10.0.0.5/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://[::ffff:169.254.169.254]/hook', 'link-local'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://intranet.example.com/hook', 'loopback'],
    ['http://metadata.example.com/hook', 'link-local'],
    ['http://mixed.example.com/hook', 'private'],
    ['http://203.0.114.9/hook', "the hub's own"],
  ])('refuses the webhook %s (%s)', async (target, what) => {
    const check = await testEgress(resolver()).checkDestination('webhook', target);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem.zh).toContain('HUB_NOTIFY_ALLOWED_HOSTS');
    expect(check.problem.en).toContain(what);
  });

  it('accepts a public host and a listed one, by name or by CIDR', async () => {
    const sut = testEgress(resolver(), { HUB_NOTIFY_ALLOWED_HOSTS: 'siem.intra.gov.cn, 127.0.0.0/8' });
    for (const target of [
      'https://hooks.example.com/hub',
      'https://siem.intra.gov.cn/hub',
      'http://127.0.0.1:8080/hub',
      'http://intranet.example.com/hub',
    ]) {
      expect(await sut.checkDestination('webhook', target)).toEqual({ ok: true, target });
    }
    // a listed name does not open the rest of its network
    expect((await sut.checkDestination('webhook', 'http://10.20.0.5/')).ok).toBe(false);
  });

  it("refuses the hub's own service port on this machine even when the address is listed", async () => {
    const sut = testEgress(resolver(), { HUB_NOTIFY_ALLOWED_HOSTS: '127.0.0.1', HUB_PORT: '4000' });
    const check = await sut.checkDestination('webhook', 'http://127.0.0.1:4000/api/scans');
    expect(check).toMatchObject({ ok: false, problem: { en: expect.stringContaining('service port') } });
    expect((await sut.checkDestination('webhook', 'http://127.0.0.1:4001/hook')).ok).toBe(true);
  });

  it('says a name that does not resolve cannot be resolved, as a failure worth retrying', async () => {
    const sut = testEgress(resolver());
    expect(await sut.resolve('nowhere.example.com', 443)).toMatchObject({
      ok: false,
      retryable: true,
      problem: { en: expect.stringContaining('ENOTFOUND') },
    });
    expect(await sut.resolve('metadata.example.com', 80)).toMatchObject({ ok: false, retryable: false });
  });

  it('takes robots on the configured hosts only, still subject to the address check', async () => {
    const official = testEgress(resolver());
    const robot = `https://ding.intra.gov.cn/robot/send${DING}`;
    expect(official.checkForm('dingtalk', robot).ok).toBe(false);
    expect(official.checkForm('dingtalk', `https://oapi.dingtalk.com/robot/send${DING}`).ok).toBe(true);

    const government = testEgress(resolver(), { HUB_DINGTALK_HOST: 'ding.intra.gov.cn' });
    expect(government.checkForm('dingtalk', `https://oapi.dingtalk.com/robot/send${DING}`).ok).toBe(false);
    // the government network's robot host is private: it must be listed as well
    expect((await government.checkDestination('dingtalk', robot)).ok).toBe(false);
    const listed = testEgress(resolver(), {
      HUB_DINGTALK_HOST: 'ding.intra.gov.cn',
      HUB_NOTIFY_ALLOWED_HOSTS: 'ding.intra.gov.cn',
    });
    expect(await listed.checkDestination('dingtalk', robot)).toEqual({ ok: true, target: robot });
    const wecom = testEgress(resolver(), { HUB_WECOM_HOST: 'wecom.intra.gov.cn:8443' });
    expect(
      wecom.checkForm('wecom', 'https://wecom.intra.gov.cn:8443/cgi-bin/webhook/send?key=0123456789abcdef')
        .ok,
    ).toBe(true);
  });
});

describe(NotifyHttp.name, () => {
  it('connects to the address it checked, not to where the name leads when connecting', async () => {
    // `localhost` leads to 127.0.0.1 by the system's resolver; the checked answer says 127.0.0.2.
    const checked = await listen('127.0.0.2');
    const elsewhere = await listen('127.0.0.1', checked.port).catch(() => null);
    try {
      const resolver = new StaticHostResolver({ localhost: ['127.0.0.2'] });
      const sut = new NotifyHttp(testEgress(resolver, { HUB_NOTIFY_ALLOWED_HOSTS: '127.0.0.2' }));
      const answer = await sut.post(`http://localhost:${checked.port}/hook`, '{}', {});
      expect(answer.status).toBe(200);
      expect(checked.hits).toEqual([`POST localhost:${checked.port} /hook`]);
      expect(elsewhere?.hits ?? []).toEqual([]);
      expect(resolver.lookups.get('localhost')).toBe(1);
    } finally {
      await checked.close();
      await elsewhere?.close();
    }
  });

  it('cannot be rebound to loopback: the name is looked up once per send and each answer is checked', async () => {
    const victim = await listen('127.0.0.1');
    try {
      // public at the first lookup, this machine at every later one
      const resolver = new StaticHostResolver({ 'rebind.example.com': [[PUBLIC_ADDRESS], ['127.0.0.1']] });
      const egress = testEgress(resolver);
      expect((await egress.checkDestination('webhook', 'http://rebind.example.com/hook')).ok).toBe(true);
      const err = await new NotifyHttp(egress)
        .post(`http://rebind.example.com:${victim.port}/hook`, JSON.stringify({ secret: SECRET }), {})
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ retryable: false });
      expect((err as Error).message).toContain('127.0.0.1');
      expect((err as Error).message).not.toContain('internal secret answer');
      expect(resolver.lookups.get('rebind.example.com')).toBe(2);
      expect(victim.hits).toEqual([]);
    } finally {
      await victim.close();
    }
  });
});
