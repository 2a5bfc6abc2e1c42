import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import type { HubEnv } from '../../config/env';
import { HUB_ENV, LOGGER } from '../../infra/tokens';
import { keyIdOf } from './audit-chain';

export interface AuditKey {
  bytes: Buffer;
  /** its public name (see keyIdOf) */
  id: string;
  file: string;
}

const KEY_BYTES = 32;

/**
 * The audit chain's HMAC key, kept outside the database in HUB_AUDIT_KEY_FILE (64 hex characters,
 * mode 0600). Generated at first use; a second process starting at the same moment reads the first
 * one's key, never writes its own over it.
 */
@Injectable()
export class AuditKeyStore {
  private cached: AuditKey | undefined;

  constructor(
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get file(): string {
    return this.env.HUB_AUDIT_KEY_FILE;
  }

  key(): AuditKey {
    this.cached ??= this.load();
    return this.cached;
  }

  private load(): AuditKey {
    const file = this.file;
    if (!fs.existsSync(file)) this.generate(file);
    const mode = fs.statSync(file).mode;
    if ((mode & 0o077) !== 0) {
      this.logger.warn(
        { file, mode: (mode & 0o777).toString(8) },
        'the audit key file is readable by other users: chmod 600 it',
      );
    }
    const text = fs.readFileSync(file, 'utf8').trim();
    if (!new RegExp(`^[0-9a-fA-F]{${KEY_BYTES * 2}}$`).test(text)) {
      throw new AppError('INTERNAL', {
        zh: `审计密钥文件 ${file} 无效：应为 ${KEY_BYTES * 2} 个十六进制字符（${KEY_BYTES} 字节）`,
        en: `The audit key file ${file} is not valid: expected ${KEY_BYTES * 2} hex characters (${KEY_BYTES} bytes)`,
      });
    }
    const bytes = Buffer.from(text, 'hex');
    return { bytes, id: keyIdOf(bytes), file };
  }

  private generate(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and linked into place: the link fails if another process got there first, and
    // nobody ever reads a half-written key.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(aside, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(aside, file);
      this.logger.warn(
        { file },
        'audit key generated: back it up; without it the keyed chain cannot be verified',
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
}
