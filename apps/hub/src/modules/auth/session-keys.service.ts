import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import type { HubEnv } from '../../config/env';
import { Clock } from '../../infra/clock';
import { HUB_ENV, LOGGER } from '../../infra/tokens';
import { AuditService } from '../audit/audit.service';
import { SessionKeyFile } from './session-key-file';
import {
  newSessionKey,
  type SessionKeyRecord,
  type SessionKeyStore,
  type SessionKeyStoreKind,
  signingKeyOf,
  verificationKeyOf,
} from './session-keys';
import { SessionKeysRepository } from './session-keys.repository';

/**
 * How long a retired key is kept beyond the session lifetime: for values sealed with it that live
 * longer than a session's last minute (the OIDC sign-in state, 10 minutes), and clock skew.
 */
const RETIRED_KEY_MARGIN_MS = 15 * 60_000;
/** A JWT naming an unknown kid makes the ring be read again at most this often (forged kids are cheap). */
const RELOAD_INTERVAL_MS = 5_000;

/** A key as operators see it: never its secret. */
export interface SessionKeyView {
  kid: string;
  createdAt: string;
  retiredAt: string | null;
  signing: boolean;
}

export interface KeyRotationReport {
  store: SessionKeyStoreKind;
  kid: string;
  retired: string[];
  removed: string[];
  keys: SessionKeyView[];
}

/** HUB_SESSION_SECRET: one key named `env`, which cannot rotate. */
class EnvironmentKey implements SessionKeyStore {
  readonly kind = 'environment' as const;
  constructor(private readonly secret: string) {}
  load(): Promise<SessionKeyRecord[]> {
    return Promise.resolve([{ kid: 'env', secret: this.secret, createdAt: new Date(0), retiredAt: null }]);
  }
  rotate(): never {
    throw new AppError('CONFLICT', {
      zh: '会话密钥来自 HUB_SESSION_SECRET，无法轮换：请改用 HUB_SESSION_KEY_FILE（或两者都不设，由数据库保存）后再执行 hub keys rotate',
      en: 'The session key comes from HUB_SESSION_SECRET and cannot rotate: use HUB_SESSION_KEY_FILE (or neither, for keys in the database), then run hub keys rotate',
    });
  }
}

/**
 * The session signing keys (HS256): the newest signs, with its `kid` in the JWT header; older ones
 * verify what they signed until it has expired. Kept in HUB_SESSION_KEY_FILE when set (and then
 * nowhere in the database), else in the database, or fixed by HUB_SESSION_SECRET. Signing reads
 * the store afresh (it is rare: sign-in), so a rotation on any replica is used by every other at
 * its next sign-in; verification keeps the keys in memory and reads again on an unknown kid.
 */
@Injectable()
export class SessionKeysService implements OnModuleInit {
  private readonly store: SessionKeyStore;
  private ring: SessionKeyRecord[] | undefined;
  private loading: Promise<SessionKeyRecord[]> | undefined;
  private lastLoad = Number.NEGATIVE_INFINITY;
  private moved: Promise<void> | undefined;

  constructor(
    private readonly database: SessionKeysRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.store = env.HUB_SESSION_SECRET
      ? new EnvironmentKey(env.HUB_SESSION_SECRET)
      : env.HUB_SESSION_KEY_FILE
        ? new SessionKeyFile(env.HUB_SESSION_KEY_FILE, logger)
        : database;
  }

  /** A key file that cannot be used stops the hub at start, not at the first sign-in. */
  async onModuleInit(): Promise<void> {
    if (this.store.kind === 'file') await this.load();
  }

  get storeKind(): SessionKeyStoreKind {
    return this.store.kind;
  }

  /** The key new JWTs are signed with. */
  async signingKey(): Promise<{ kid: string; key: Uint8Array }> {
    const key = signingKeyOf(await this.load());
    return { kid: key.kid, key: encode(key.secret) };
  }

  /** The key a JWT's header names (none: the unnamed key of before), or an error when it is unknown. */
  async verificationKey(kid: string | undefined): Promise<Uint8Array> {
    let key = verificationKeyOf(this.ring ?? (await this.load()), kid);
    if (!key && performance.now() - this.lastLoad > RELOAD_INTERVAL_MS) {
      key = verificationKeyOf(await this.load(), kid);
    }
    if (!key) throw new Error(`unknown session key ${kid ?? '(none)'}`);
    return encode(key.secret);
  }

  async list(): Promise<SessionKeyView[]> {
    return views(await this.load());
  }

  /**
   * A new signing key; the current one keeps verifying the sessions it signed for their lifetime,
   * and keys retired longer ago than that are removed. Audited (kids only).
   */
  async rotate(actor: string): Promise<KeyRotationReport> {
    await this.load();
    const now = this.clock.now();
    const next = newSessionKey(now);
    const keepSince = new Date(
      now.getTime() - this.env.HUB_SESSION_TTL_MINUTES * 60_000 - RETIRED_KEY_MARGIN_MS,
    );
    const result = await this.store.rotate(next, now, keepSince);
    this.ring = result.keys;
    await this.audit.append({
      actor,
      action: 'session-key.rotate',
      objectType: 'session-key',
      objectId: next.kid,
      data: { store: this.store.kind, retired: result.retired, removed: result.removed },
    });
    this.logger.info(
      { store: this.store.kind, kid: next.kid, retired: result.retired, removed: result.removed, actor },
      'session signing key rotated',
    );
    return { store: this.store.kind, kid: next.kid, ...result, keys: views(result.keys) };
  }

  private load(): Promise<SessionKeyRecord[]> {
    this.loading ??= (async () => {
      try {
        await this.moveIntoFile();
        const keys = await this.store.load(this.clock.now());
        this.ring = keys;
        this.lastLoad = performance.now();
        return keys;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /**
   * With a key file, the database holds no key: keys it held (from before the file was configured)
   * move into the file, so the sessions they signed stay valid, and leave the database. Audited.
   */
  private moveIntoFile(): Promise<void> {
    const file = this.store;
    if (!(file instanceof SessionKeyFile)) return Promise.resolve();
    this.moved ??= (async () => {
      const keys = await this.database.all();
      if (!keys.length) return;
      file.adopt(keys, this.clock.now());
      await this.database.remove(keys.map((k) => k.kid));
      await this.audit.append({
        actor: 'system',
        action: 'session-key.move',
        objectType: 'session-key',
        objectId: file.file,
        data: { from: 'database', to: 'file', kids: keys.map((k) => k.kid) },
      });
      this.logger.warn(
        { file: file.file, kids: keys.map((k) => k.kid) },
        'session keys moved from the database into HUB_SESSION_KEY_FILE',
      );
    })().catch((e: unknown) => {
      this.moved = undefined;
      throw e;
    });
    return this.moved;
  }
}

const encode = (secret: string) => new TextEncoder().encode(secret);

function views(keys: readonly SessionKeyRecord[]): SessionKeyView[] {
  const signing = keys.length ? signingKeyOf(keys).kid : null;
  return [...keys]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((k) => ({
      kid: k.kid,
      createdAt: k.createdAt.toISOString(),
      retiredAt: k.retiredAt?.toISOString() ?? null,
      signing: k.kid === signing,
    }));
}
