import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  fromKeyFile,
  type KeyRotation,
  newSessionKey,
  rotated,
  type SessionKeyRecord,
  type SessionKeyStore,
  toKeyFile,
  ZSessionKeyFile,
} from './session-keys';

/** The key file as a file: readable and writable by its owner only. */
const FILE_MODE = 0o600;

/** A key file that cannot be used, said so the operator can fix it. */
export class SessionKeyFileError extends Error {
  override readonly name = 'SessionKeyFileError';
}

/**
 * Session keys in HUB_SESSION_KEY_FILE (JSON, mode 0600), outside the database: whoever reads the
 * database cannot forge sessions. Created with one key when missing; every write replaces the file
 * whole (write aside, then rename), so a reader never sees half a file. Replicas on several hosts
 * share one file (a mounted secret) and re-read it when they meet a kid they do not know.
 */
export class SessionKeyFile implements SessionKeyStore {
  readonly kind = 'file' as const;

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {}

  async load(now: Date): Promise<SessionKeyRecord[]> {
    const keys = this.read();
    if (keys) return keys;
    // Created exclusively: of two processes creating it at once, the second reads the first's.
    if (this.create([newSessionKey(now)])) this.logger.info({ file: this.file }, 'session key file created');
    return this.read() ?? [];
  }

  async rotate(next: SessionKeyRecord, now: Date, removeRetiredBefore: Date): Promise<KeyRotation> {
    const result = rotated(this.read() ?? [], next, now, removeRetiredBefore);
    this.replace(result.keys);
    return result;
  }

  /**
   * Takes keys over from the database: into a new file as they are, into an existing one retired
   * (the file's own signing key stays), so that the sessions they signed stay valid.
   */
  adopt(keys: readonly SessionKeyRecord[], now: Date): void {
    const current = this.read();
    if (!current) {
      if (this.create(keys)) return;
      return this.adopt(keys, now);
    }
    const known = new Set(current.map((k) => k.kid));
    const added = keys.filter((k) => !known.has(k.kid)).map((k) => ({ ...k, retiredAt: k.retiredAt ?? now }));
    if (added.length) this.replace([...current, ...added]);
  }

  /** The keys, or null when there is no file yet. */
  read(): SessionKeyRecord[] | null {
    let text: string;
    try {
      const stat = fs.statSync(this.file);
      if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
        this.logger.warn(
          { file: this.file, mode: (stat.mode & 0o777).toString(8) },
          'the session key file is readable by others than its owner: chmod 600 it',
        );
      }
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.unusable(`cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.unusable('it is not JSON');
    }
    const parsed = ZSessionKeyFile.safeParse(json);
    if (!parsed.success) {
      throw this.unusable(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    return fromKeyFile(parsed.data);
  }

  /** Writes the file only if there is none; false when another process was first. */
  private create(keys: readonly SessionKeyRecord[]): boolean {
    const aside = this.writeAside(keys);
    try {
      fs.linkSync(aside, this.file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw this.unusable(`cannot create it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }

  private replace(keys: readonly SessionKeyRecord[]): void {
    const aside = this.writeAside(keys);
    try {
      fs.renameSync(aside, this.file);
    } catch (e) {
      fs.rmSync(aside, { force: true });
      throw this.unusable(`cannot replace it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }

  private writeAside(keys: readonly SessionKeyRecord[]): string {
    const aside = path.join(
      path.dirname(this.file),
      `.${path.basename(this.file)}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      fs.writeFileSync(aside, `${JSON.stringify(toKeyFile(keys), null, 2)}\n`, {
        mode: FILE_MODE,
        flag: 'wx',
      });
    } catch (e) {
      throw this.unusable(
        `cannot write in its directory (${(e as NodeJS.ErrnoException).code ?? String(e)}); a read-only mount cannot be rotated in place`,
      );
    }
    return aside;
  }

  private unusable(why: string): SessionKeyFileError {
    return new SessionKeyFileError(
      `会话密钥文件 HUB_SESSION_KEY_FILE=${this.file} 不可用 / the session key file cannot be used: ${why}`,
    );
  }
}
