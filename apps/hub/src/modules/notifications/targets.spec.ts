import { checkTarget, maskTarget, redactor } from './targets';

const DING = `https://oapi.dingtalk.com/robot/send?access_token=${'f'.repeat(64)}`;
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const WECOM = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`;

describe('checkTarget', () => {
  it('accepts the robots only on their documented endpoints', () => {
    expect(checkTarget('dingtalk', DING)).toEqual({ ok: true, target: DING });
    expect(checkTarget('wecom', WECOM)).toEqual({ ok: true, target: WECOM });
    expect(checkTarget('dingtalk', DING.replace('oapi.dingtalk.com', 'evil.example.com'))).toMatchObject({
      ok: false,
    });
    expect(checkTarget('dingtalk', DING.replace('https:', 'http:'))).toMatchObject({ ok: false });
    expect(checkTarget('wecom', WECOM.replace('/send', '/upload'))).toMatchObject({ ok: false });
  });

  it('requires the robot credential and refuses a pre-signed DingTalk URL', () => {
    expect(checkTarget('dingtalk', 'https://oapi.dingtalk.com/robot/send')).toMatchObject({ ok: false });
    expect(checkTarget('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=')).toMatchObject({
      ok: false,
    });
    const signed = checkTarget('dingtalk', `${DING}&timestamp=1&sign=x`);
    expect(signed).toMatchObject({ ok: false });
    expect(signed.ok ? '' : signed.problem.en).toContain('timestamp, sign');
  });

  it('accepts a robot on any host when allowAnyRobotHost is set (tests, simulators)', () => {
    expect(
      checkTarget('wecom', `http://127.0.0.1:8080/robot?key=${WECOM_KEY}`, { allowAnyRobotHost: true }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('takes http(s) webhooks without credentials in the URL', () => {
    expect(checkTarget('webhook', 'https://siem.example.gov.cn/hooks/hub')).toMatchObject({ ok: true });
    expect(checkTarget('webhook', 'file:///etc/passwd')).toMatchObject({ ok: false });
    expect(checkTarget('webhook', 'https://user:pw@siem.example.gov.cn/')).toMatchObject({ ok: false });
    expect(checkTarget('webhook', 'not a url')).toMatchObject({ ok: false });
  });

  it('takes one or more email addresses', () => {
    expect(checkTarget('email', 'ops@example.gov.cn; duty@example.gov.cn')).toEqual({
      ok: true,
      target: 'ops@example.gov.cn, duty@example.gov.cn',
    });
    expect(checkTarget('email', 'ops@')).toMatchObject({ ok: false });
  });
});

describe('maskTarget', () => {
  it('masks robot credentials and token-like path segments', () => {
    expect(maskTarget('dingtalk', DING)).toBe('https://oapi.dingtalk.com/robot/send?access_token=ffff***');
    expect(maskTarget('wecom', WECOM)).not.toContain(WECOM_KEY);
    expect(
      maskTarget(
        'webhook',
        'https://hooks.example.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      ),
    ).toBe('https://hooks.example.com/services/T00000000/B00000000/XXXX***');
  });
});

describe('redactor', () => {
  it('removes known secrets raw and URL-encoded, and any URL query string', () => {
    const redact = redactor(['s3cr3t+/=value', WECOM_KEY]);
    const text = `failed: s3cr3t+/=value ${encodeURIComponent('s3cr3t+/=value')} key ${WECOM_KEY} at https://x.example/y?token=abc&z=1`;
    const out = redact(text);
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain(WECOM_KEY);
    expect(out).not.toContain('token=abc');
    expect(out).toContain('https://x.example/y?[REDACTED]');
  });

  it('removes the start of a secret left at the end of a quote cut short', () => {
    const redact = redactor([WECOM_KEY]);
    expect(redact(`errmsg: "invalid key ${WECOM_KEY.slice(0, 12)}"`)).toBe(
      'errmsg: "invalid key [REDACTED]"',
    );
  });
});
