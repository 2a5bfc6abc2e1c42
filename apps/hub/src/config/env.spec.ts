import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTORS, RESILIENCE_SETTINGS, envKey, syncCronKey } from '@hub/connectors';
import { validateCronExpression } from 'cron';
import { BUILTIN_PACKS_DIR, packIds } from '@hub/rules';
import { InvalidEnvError, SECRET_KEYS, loadEnv } from './env';

describe(loadEnv.name, () => {
  it('defaults to the sandbox upstreams and an embedded database in .data', () => {
    const sut = loadEnv({});
    expect(sut.DATABASE_URL).toBeUndefined();
    expect(sut.HUB_DATA_DIR).toMatch(/[/\\]\.data$/);
    expect(sut.GOV_CLOUD_BASE_URL).toBe('http://127.0.0.1:4101');
    expect(sut.HUB_PORT).toBe(4000);
  });

  it('lists every bad key in one error', () => {
    const attempt = () =>
      loadEnv({ HUB_PORT: 'eighty', HUB_NOW: 'yesterday', GOV_CLOUD_BASE_URL: 'not a url' });
    expect(attempt).toThrow(InvalidEnvError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const key of ['HUB_PORT', 'HUB_NOW', 'GOV_CLOUD_BASE_URL']) expect(message).toContain(key);
  });

  it('reads a secret from the file its _FILE variable names, and refuses both at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-env-'));
    const file = path.join(dir, 'sk');
    try {
      fs.writeFileSync(file, 'secret-from-file\n');
      expect(loadEnv({ GOV_CLOUD_SECRET_KEY_FILE: file }).GOV_CLOUD_SECRET_KEY).toBe('secret-from-file');
      expect(() => loadEnv({ GOV_CLOUD_SECRET_KEY_FILE: file, GOV_CLOUD_SECRET_KEY: 'x' })).toThrow(
        /set too/,
      );
      expect(() => loadEnv({ GOV_CLOUD_SECRET_KEY_FILE: `${file}.missing` })).toThrow(/no such file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('issues each city’s opinions under its pack’s office and 文号 prefix unless configured otherwise', () => {
    expect(loadEnv({}).HUB_OPINION_ISSUERS).toEqual({
      yueyang: {
        office: '岳阳市政务信息化项目技术支持组',
        numberPrefix: '岳技审',
        title: '岳阳市政务信息化项目技术审查意见',
      },
      chenzhou: {
        office: '郴州市政务信息化项目技术支持组',
        numberPrefix: '郴技审',
        title: '郴州市政务信息化项目技术审查意见',
      },
    });
    const configured = loadEnv({
      HUB_OPINION_ISSUERS: JSON.stringify({
        yueyang: { office: '岳阳市行政审批服务局', numberPrefix: '岳审技' },
      }),
    }).HUB_OPINION_ISSUERS;
    expect(configured.yueyang).toEqual({
      office: '岳阳市行政审批服务局',
      numberPrefix: '岳审技',
      title: '岳阳市政务信息化项目技术审查意见',
    });
    expect(configured.chenzhou?.numberPrefix).toBe('郴技审');
  });

  it.each([
    ['not JSON', '{yueyang', /HUB_OPINION_ISSUERS: 应为 JSON/],
    [
      'an unknown city',
      '{"wuhan":{"office":"武汉市技术支持组"}}',
      /HUB_OPINION_ISSUERS.wuhan: 没有政策包 wuhan；已加载：yueyang、chenzhou/,
    ],
    ['an unknown field', '{"yueyang":{"seal":"x"}}', /HUB_OPINION_ISSUERS/],
    ['a prefix in letters', '{"yueyang":{"numberPrefix":"YY"}}', /文号前缀应为 1 至 8 个汉字/],
    ['two cities on one prefix', '{"chenzhou":{"numberPrefix":"岳技审"}}', /文号前缀不能相同/],
  ])('refuses HUB_OPINION_ISSUERS with %s, saying why', (_case, value, message) => {
    expect(() => loadEnv({ HUB_OPINION_ISSUERS: value })).toThrow(message);
  });

  it('refuses HUB_TRUST_PROXY=true and unknown proxies with the reason, Chinese first, beside other bad keys', () => {
    const message = messageOf(() =>
      loadEnv({ HUB_TRUST_PROXY: 'true', HUB_MAX_CONCURRENT_CHECKS_PER_USER: '0' }),
    );
    expect(message).toMatch(/^环境变量配置错误/);
    expect(message).toMatch(/HUB_TRUST_PROXY: 不接受 true.*X-Forwarded-For/);
    expect(message).toMatch(/HUB_MAX_CONCURRENT_CHECKS_PER_USER: [\u4e00-\u9fff].* \/ .*>=1/);
    expect(messageOf(() => loadEnv({ HUB_TRUST_PROXY: 'loopback, proxy.local, 10.0.0.0/33' }))).toContain(
      '无法识别 "proxy.local", "10.0.0.0/33"',
    );
  });

  it('reads HUB_TRUST_PROXY as off, a hop count, or addresses, names and ranges', () => {
    expect(loadEnv({}).HUB_TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ HUB_TRUST_PROXY: 'false' }).HUB_TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ HUB_TRUST_PROXY: '2' }).HUB_TRUST_PROXY).toBe(2);
    expect(loadEnv({ HUB_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).HUB_TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.7',
    ]);
  });

  it('keeps the audit key and checkpoints beside the data directory unless told otherwise', () => {
    const sut = loadEnv({ HUB_DATA_DIR: '/srv/hub' });
    expect(sut.HUB_AUDIT_KEY_FILE).toBe(path.resolve('/srv/hub/audit.key'));
    expect(sut.HUB_AUDIT_CHECKPOINT_FILE).toBe(path.resolve('/srv/hub/audit-checkpoints.jsonl'));
    expect(sut.HUB_AUDIT_CHECKPOINT_SECONDS).toBe(300);
    expect(sut.HUB_DATABASE_ROLE_CHECK).toBe('warn');
    expect(loadEnv({ HUB_AUDIT_KEY_FILE: '/run/secrets/audit.key' }).HUB_AUDIT_KEY_FILE).toBe(
      path.resolve('/run/secrets/audit.key'),
    );
  });

  it('takes a syslog collector only as udp:// or tcp:// with host and port', () => {
    expect(loadEnv({ HUB_AUDIT_CHECKPOINT_SYSLOG: 'udp://10.0.0.5:514' }).HUB_AUDIT_CHECKPOINT_SYSLOG).toBe(
      'udp://10.0.0.5:514',
    );
    for (const bad of ['http://10.0.0.5:514', 'tcp://10.0.0.5', 'syslog.example']) {
      expect(() => loadEnv({ HUB_AUDIT_CHECKPOINT_SYSLOG: bad })).toThrow(/HUB_AUDIT_CHECKPOINT_SYSLOG/);
    }
  });

  it('refuses DATABASE_OWNER_URL without DATABASE_URL: the embedded database manages its roles itself', () => {
    expect(() => loadEnv({ DATABASE_OWNER_URL: 'postgresql://owner:x@db/hub' })).toThrow(
      /DATABASE_OWNER_URL: 需与 DATABASE_URL 同时配置/,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadEnv({ HUB_NOW: '', DATABASE_URL: '' }).HUB_NOW).toBeUndefined();
  });

  it('reads the notification allow-list and robot hosts, naming a bad entry', () => {
    const sut = loadEnv({
      HUB_NOTIFY_ALLOWED_HOSTS: 'siem.intra.gov.cn, *.robots.gov.cn ,10.20.0.0/16,127.0.0.1',
      HUB_DINGTALK_HOST: 'Ding.Intra.gov.cn:8443',
    });
    expect(sut.HUB_NOTIFY_ALLOWED_HOSTS).toEqual([
      'siem.intra.gov.cn',
      '*.robots.gov.cn',
      '10.20.0.0/16',
      '127.0.0.1',
    ]);
    expect(sut.HUB_DINGTALK_HOST).toBe('ding.intra.gov.cn:8443');
    expect(sut.HUB_WECOM_HOST).toBe('qyapi.weixin.qq.com');
    expect(() => loadEnv({ HUB_NOTIFY_ALLOWED_HOSTS: 'ok.gov.cn,http://bad.gov.cn/x' })).toThrow(
      /HUB_NOTIFY_ALLOWED_HOSTS/,
    );
    expect(() => loadEnv({ HUB_WECOM_HOST: 'https://qyapi.weixin.qq.com/cgi-bin' })).toThrow(
      /HUB_WECOM_HOST/,
    );
  });

  it('takes HUB_PUBLIC_ORIGIN as an origin only, and one source of session keys', () => {
    expect(loadEnv({ HUB_PUBLIC_ORIGIN: 'https://hub.gov.cn/' }).HUB_PUBLIC_ORIGIN).toBe(
      'https://hub.gov.cn',
    );
    expect(() => loadEnv({ HUB_PUBLIC_ORIGIN: 'https://hub.gov.cn/app' })).toThrow(/HUB_PUBLIC_ORIGIN/);
    expect(() =>
      loadEnv({ HUB_SESSION_SECRET: 'x'.repeat(32), HUB_SESSION_KEY_FILE: '/run/secrets/keys.json' }),
    ).toThrow(/HUB_SESSION_KEY_FILE/);
  });

  it('reads every registered connector’s settings under its prefix, defaulting to the sandbox', () => {
    const sut = loadEnv({}) as unknown as Record<string, unknown>;

    for (const connector of CONNECTORS) {
      expect(new URL(String(sut[envKey(connector, 'BASE_URL')])).hostname).toBe('127.0.0.1');
      for (const [key, schema] of Object.entries(connector.settings)) {
        // The shared resilience keys are unset unless given: the connector's config keeps its defaults.
        const shared = (RESILIENCE_SETTINGS as Record<string, unknown>)[key] === schema;
        if (shared) expect(sut[envKey(connector, key)]).toBeUndefined();
        else expect(sut[envKey(connector, key)]).toBeDefined();
      }
    }
    expect(loadEnv({ MLPS_TIMEOUT_MS: '3000', MLPS_PAGE_SIZE: '40', VIDEO_MAX_ATTEMPTS: '2' })).toMatchObject(
      {
        MLPS_TIMEOUT_MS: 3000,
        MLPS_PAGE_SIZE: 40,
        MLPS_API_TOKEN: 'sandbox-mlps-token',
        VIDEO_MAX_ATTEMPTS: 2,
      },
    );
  });

  it('lists bad connector keys together with the hub’s own', () => {
    const attempt = () =>
      loadEnv({ HUB_PORT: 'eighty', MLPS_PAGE_SIZE: '500', VIDEO_TOKEN: '', VIDEO_SYNC_CRON: 'sometimes' });

    expect(attempt).toThrow(InvalidEnvError);
    expect(attempt).toThrow(/HUB_PORT[\s\S]*MLPS_PAGE_SIZE[\s\S]*VIDEO_SYNC_CRON/);
  });

  it('reads each connector’s declared secrets from a file too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-env-'));
    try {
      for (const connector of CONNECTORS) {
        for (const secret of connector.secretKeys) {
          const key = envKey(connector, secret);
          const file = path.join(dir, key);
          fs.writeFileSync(file, `${key}-from-file\n`);
          expect(SECRET_KEYS).toContain(key);
          expect((loadEnv({ [`${key}_FILE`]: file }) as unknown as Record<string, unknown>)[key]).toBe(
            `${key}-from-file`,
          );
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves each source’s schedule unset unless given, and checks the ones given', () => {
    const sut = loadEnv({ MLPS_SYNC_CRON: '30 3 * * *' }) as unknown as Record<string, unknown>;

    expect(sut['MLPS_SYNC_CRON']).toBe('30 3 * * *');
    expect(sut['HUB_SYNC_CRON']).toBeUndefined();
    for (const connector of CONNECTORS.filter((c) => c.id !== 'mlps')) {
      expect(sut[syncCronKey(connector)]).toBeUndefined();
    }
  });

  it.each(CONNECTORS.map((c) => [c.id, c.defaultCron] as const))(
    'takes %s’s default schedule (%s) for a valid cron expression',
    (_id, cron) => {
      expect(validateCronExpression(cron).valid).toBe(true);
    },
  );
});

function messageOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidEnvError);
    return (e as Error).message;
  }
  throw new Error('expected an InvalidEnvError');
}

describe('HUB_PACKS_DIR', () => {
  const example = path.join(BUILTIN_PACKS_DIR, 'examples', 'shili.pack.yaml');
  const dirWith = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-packs-'));
    fs.writeFileSync(path.join(dir, 'shili.pack.yaml'), text);
    return dir;
  };

  it('stops the start on a bad pack file, naming file, line and key, Chinese first', () => {
    const text = fs.readFileSync(example, 'utf8').replace('{ id: network-zone }', '{ id: network-zones }');
    const line = text.split('\n').findIndex((l) => l.includes('network-zones')) + 1;

    const attempt = () => loadEnv({ HUB_PACKS_DIR: dirWith(text) });

    expect(attempt).toThrow(InvalidEnvError);
    expect(attempt).toThrow(
      new RegExp(
        `HUB_PACKS_DIR: shili\\.pack\\.yaml:${line} requirements\\[1\\]\\.check\\.id：没有名为 network-zones 的检查`,
      ),
    );
  });

  it('registers the packs of the directory after the built-in ones, before the rest is read', () => {
    const sut = loadEnv({ HUB_PACKS_DIR: dirWith(fs.readFileSync(example, 'utf8')) });

    expect(packIds().slice(-1)).toEqual(['shili']);
    expect(sut.HUB_OPINION_ISSUERS.shili).toMatchObject({ numberPrefix: '示技审' });
  });
});
