import crypto from 'node:crypto';
import nock from 'nock';
import { DingTalkChannel, dingTalkSign, dingTalkSignedUrl } from './dingtalk.channel';
import { PUBLIC_ADDRESS, StaticHostResolver } from '../../../testing/static-host-resolver';
import { testEgress } from '../testing/notify.factory';
import { NotifyHttp } from './notify-http';

const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const TOKEN = 'a'.repeat(64);
const TARGET = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;
const NOW_MS = 1_793_500_000_123;

/** DingTalk's documented algorithm, written out independently of the channel's code. */
function documentedSign(secret: string, timestamp: number): string {
  const stringToSign = `${timestamp}\n${secret}`;
  const mac = crypto.createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(Buffer.from(stringToSign, 'utf8'));
  return encodeURIComponent(mac.digest().toString('base64'));
}

describe(DingTalkChannel.name, () => {
  const sut = new DingTalkChannel(
    new NotifyHttp(testEgress(new StaticHostResolver({ 'oapi.dingtalk.com': [PUBLIC_ADDRESS] }))),
    { wallClock: () => NOW_MS },
  );
  const payload = { msgtype: 'markdown', markdown: { title: '合规中枢', text: '### 合规中枢' } };

  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('signs as DingTalk documents: base64 HMAC-SHA256 of "timestamp\\nsecret", URL-encoded', () => {
    expect(encodeURIComponent(dingTalkSign(SECRET, NOW_MS))).toBe(documentedSign(SECRET, NOW_MS));
    expect(dingTalkSignedUrl(TARGET, SECRET, NOW_MS)).toBe(
      `${TARGET}&timestamp=${NOW_MS}&sign=${documentedSign(SECRET, NOW_MS)}`,
    );
  });

  it('sends the markdown message with timestamp (ms) and sign on the URL when a secret is set', async () => {
    let body: unknown;
    const scope = nock('https://oapi.dingtalk.com')
      .post('/robot/send')
      .query((q) => {
        // nock hands over the decoded query: compare with the decoded sign
        return (
          q.access_token === TOKEN &&
          q.timestamp === String(NOW_MS) &&
          q.sign === decodeURIComponent(documentedSign(SECRET, NOW_MS))
        );
      })
      .reply(200, (_uri, b) => {
        body = b;
        return { errcode: 0, errmsg: 'ok' };
      });

    await sut.send({ channel: 'dingtalk', target: TARGET, secret: SECRET }, payload);

    expect(scope.isDone()).toBe(true);
    expect(body).toEqual(payload);
  });

  it('sends without timestamp and sign when the robot has no secret', async () => {
    const scope = nock('https://oapi.dingtalk.com')
      .post('/robot/send')
      .query({ access_token: TOKEN })
      .reply(200, { errcode: 0, errmsg: 'ok' });

    await sut.send({ channel: 'dingtalk', target: TARGET, secret: null }, payload);

    expect(scope.isDone()).toBe(true);
  });

  it('fails for good on errcode 310000 (sign mismatch) although the HTTP status is 200', async () => {
    const scope = nock('https://oapi.dingtalk.com')
      .post('/robot/send')
      .query(true)
      .reply(200, { errcode: 310000, errmsg: 'sign not match' });

    const err = await sut
      .send({ channel: 'dingtalk', target: TARGET, secret: SECRET }, payload)
      .catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(err).toMatchObject({ retryable: false });
    expect((err as Error).message).toContain('310000');
    expect((err as Error).message).toContain('sign not match');
  });

  it('retries errcode 130101 (rate limit)', async () => {
    const scope = nock('https://oapi.dingtalk.com')
      .post('/robot/send')
      .query(true)
      .reply(200, { errcode: 130101, errmsg: 'send too fast' });

    const err = await sut
      .send({ channel: 'dingtalk', target: TARGET, secret: SECRET }, payload)
      .catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(err).toMatchObject({ retryable: true });
  });
});
