import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** One session signing key (HS256), named by the `kid` its JWTs carry in their header. */
export interface SessionKeyRecord {
  kid: string;
  /** the HMAC key is this text's UTF-8 bytes (as the first keys were) */
  secret: string;
  createdAt: Date;
  /** when a newer key took over signing; it still verifies until its sessions have expired */
  retiredAt: Date | null;
}

/** Where the keys live: HUB_SESSION_SECRET (one fixed key), the database, or HUB_SESSION_KEY_FILE. */
export type SessionKeyStoreKind = 'environment' | 'database' | 'file';

/** What a rotation did, by kid. */
export interface KeyRotation {
  keys: SessionKeyRecord[];
  /** keys that signed until now and only verify from now on */
  retired: string[];
  /** keys retired long enough ago that no session they signed can still be valid */
  removed: string[];
}

/** A store of session keys: the database table, the key file, or the environment's fixed key. */
export interface SessionKeyStore {
  readonly kind: SessionKeyStoreKind;
  /** Every key, the first one generated when there is none. */
  load(now: Date): Promise<SessionKeyRecord[]>;
  /** Adds `next` as the signing key (see {@link rotated}). */
  rotate(next: SessionKeyRecord, now: Date, removeRetiredBefore: Date): Promise<KeyRotation>;
}

/**
 * The kid that JWTs without one are verified with: the key the database held before keys had names
 * (moved by migration), or HUB_SESSION_SECRET.
 */
export const UNNAMED_KIDS = ['legacy', 'env'] as const;

/** A fresh key: 48 random bytes, named by its creation day and a random suffix. */
export function newSessionKey(now: Date): SessionKeyRecord {
  return {
    kid: `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(6).toString('hex')}`,
    secret: randomBytes(48).toString('base64url'),
    createdAt: now,
    retiredAt: null,
  };
}

/** The key that signs: the newest one not retired (the newest of all should every one be retired). */
export function signingKeyOf(keys: readonly SessionKeyRecord[]): SessionKeyRecord {
  const newest = (list: readonly SessionKeyRecord[]) =>
    [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const key = newest(keys.filter((k) => k.retiredAt === null)) ?? newest(keys);
  if (!key) throw new Error('no session signing key');
  return key;
}

/** The key a JWT names, or for a JWT that names none, the unnamed one. */
export function verificationKeyOf(
  keys: readonly SessionKeyRecord[],
  kid: string | undefined,
): SessionKeyRecord | undefined {
  return kid === undefined
    ? keys.find((k) => (UNNAMED_KIDS as readonly string[]).includes(k.kid))
    : keys.find((k) => k.kid === kid);
}

/**
 * The ring after a rotation: `next` signs, the keys that signed are retired now, and keys retired
 * before `removeRetiredBefore` are dropped.
 */
export function rotated(
  keys: readonly SessionKeyRecord[],
  next: SessionKeyRecord,
  now: Date,
  removeRetiredBefore: Date,
): KeyRotation {
  const removed = keys.filter((k) => k.retiredAt !== null && k.retiredAt < removeRetiredBefore);
  const retired = keys.filter((k) => k.retiredAt === null);
  const kept = keys
    .filter((k) => !removed.includes(k))
    .map((k) => (k.retiredAt === null ? { ...k, retiredAt: now } : k));
  return { keys: [...kept, next], retired: retired.map((k) => k.kid), removed: removed.map((k) => k.kid) };
}

/** The key file's content (`HUB_SESSION_KEY_FILE`), version 1. */
export const ZSessionKeyFile = z
  .object({
    version: z.literal(1),
    keys: z
      .array(
        z
          .object({
            kid: z.string().regex(/^[\w.-]{1,64}$/),
            secret: z.string().min(32),
            createdAt: z.iso.datetime({ offset: true }),
            retiredAt: z.iso.datetime({ offset: true }).nullable(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export function toKeyFile(keys: readonly SessionKeyRecord[]): z.infer<typeof ZSessionKeyFile> {
  return {
    version: 1,
    keys: keys.map((k) => ({
      kid: k.kid,
      secret: k.secret,
      createdAt: k.createdAt.toISOString(),
      retiredAt: k.retiredAt?.toISOString() ?? null,
    })),
  };
}

export function fromKeyFile(file: z.infer<typeof ZSessionKeyFile>): SessionKeyRecord[] {
  return file.keys.map((k) => ({
    kid: k.kid,
    secret: k.secret,
    createdAt: new Date(k.createdAt),
    retiredAt: k.retiredAt ? new Date(k.retiredAt) : null,
  }));
}
