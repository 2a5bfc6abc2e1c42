import { createHmac } from 'node:crypto';
import nock from 'nock';
import { DeliveryError } from './channel';
import { PUBLIC_ADDRESS, StaticHostResolver } from '../../../testing/static-host-resolver';
import { testEgress } from '../testing/notify.factory';
import { NotifyHttp } from './notify-http';
import { signWebhook, verifyWebhookSignature, WebhookChannel } from './webhook.channel';

const SECRET = 'whsec-0123456789abcdef';
const NOW_MS = Date.parse('2026-11-01T01:00:00Z');
const NOW_S = NOW_MS / 1000;

describe('verifyWebhookSignature', () => {
  const body = '{"type":"alert","alert":{"id":"a1"}}';
  const header = signWebhook(SECRET, NOW_S, body);

  it('accepts the HMAC-SHA256 of timestamp + "." + body, computed as the docs say', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW_S}.${body}`).digest('hex');
    expect(header).toBe(`sha256=${expected}`);
    expect(verifyWebhookSignature(SECRET, String(NOW_S), body, header, NOW_MS)).toBe(true);
    expect(verifyWebhookSignature(SECRET, NOW_S, Buffer.from(body), header, NOW_MS + 299_000)).toBe(true);
  });

  it('rejects a body changed by one character', () => {
    expect(verifyWebhookSignature(SECRET, NOW_S, body.replace('a1', 'a2'), header, NOW_MS)).toBe(false);
  });

  it('rejects another secret, and a malformed or missing header', () => {
    expect(verifyWebhookSignature('another-secret-0000', NOW_S, body, header, NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, NOW_S, body, header.slice(0, -1), NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, NOW_S, body, header.replace('sha256=', ''), NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, NOW_S, body, undefined, NOW_MS)).toBe(false);
  });

  it('rejects a timestamp older than 5 minutes (a replay) or that far ahead, even when correctly signed', () => {
    const old = NOW_S - 301;
    expect(verifyWebhookSignature(SECRET, old, body, signWebhook(SECRET, old, body), NOW_MS)).toBe(false);
    const ahead = NOW_S + 301;
    expect(verifyWebhookSignature(SECRET, ahead, body, signWebhook(SECRET, ahead, body), NOW_MS)).toBe(false);
    expect(verifyWebhookSignature(SECRET, 'yesterday', body, header, NOW_MS)).toBe(false);
  });

  it('rejects a timestamp that was changed after signing', () => {
    expect(verifyWebhookSignature(SECRET, NOW_S - 1, body, header, NOW_MS)).toBe(false);
  });
});

describe(WebhookChannel.name, () => {
  const sut = new WebhookChannel(
    new NotifyHttp(testEgress(new StaticHostResolver({ 'receiver.example.gov.cn': [PUBLIC_ADDRESS] }))),
    { wallClock: () => NOW_MS },
  );
  const target = 'https://receiver.example.gov.cn/hooks/hub';

  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('POSTs the JSON with timestamp, delivery id and a signature that verifies over the body', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | undefined;
    const scope = nock('https://receiver.example.gov.cn')
      .post('/hooks/hub')
      .reply(function (_uri, body) {
        seen = { headers: this.req.headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
        return [204];
      });

    await sut.send({ channel: 'webhook', target, secret: SECRET }, { type: 'test', n: 1 }, 'delivery-1');

    expect(scope.isDone()).toBe(true);
    expect(seen!.headers).toMatchObject({
      'x-hub-timestamp': String(NOW_S),
      'x-hub-delivery': 'delivery-1',
      'x-hub-event': 'test',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(seen!.body).toBe('{"type":"test","n":1}');
    const header = seen!.headers['x-hub-signature'] as string;
    expect(verifyWebhookSignature(SECRET, NOW_S, seen!.body, header, NOW_MS)).toBe(true);
  });

  it('fails for good on a redirect, which it does not follow', async () => {
    const scope = nock('https://receiver.example.gov.cn')
      .post('/hooks/hub')
      .reply(302, '', { Location: 'https://elsewhere.example.com/x?token=abc' });

    const err = await sut
      .send({ channel: 'webhook', target, secret: SECRET }, {}, 'd')
      .catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as Error).message).toContain('HTTP 302');
  });

  it('retries a 503 and gives up on a 400', async () => {
    const scope = nock('https://receiver.example.gov.cn')
      .post('/hooks/hub')
      .reply(503, 'maintenance')
      .post('/hooks/hub')
      .reply(400, 'bad signature');

    const first = await sut
      .send({ channel: 'webhook', target, secret: SECRET }, {}, 'd')
      .catch((e: unknown) => e);
    const second = await sut
      .send({ channel: 'webhook', target, secret: SECRET }, {}, 'd')
      .catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(first).toMatchObject({ retryable: true });
    expect(second).toMatchObject({ retryable: false });
    expect((second as Error).message).toContain('bad signature');
  });

  it('refuses a target that is not http(s) without sending', async () => {
    const err = await sut
      .send({ channel: 'webhook', target: 'ftp://receiver.example.gov.cn/x', secret: SECRET }, {}, 'd')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false });
  });
});
