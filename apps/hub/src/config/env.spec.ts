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
});
