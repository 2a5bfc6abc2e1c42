import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidEnvError, loadEnv } from './env';

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

  it('treats an empty variable as unset', () => {
    expect(loadEnv({ HUB_NOW: '', DATABASE_URL: '' }).HUB_NOW).toBeUndefined();
  });
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
