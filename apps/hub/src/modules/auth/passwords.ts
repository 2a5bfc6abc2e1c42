import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { z } from 'zod';

/** A password someone chooses: long enough to resist guessing; no composition rules (NIST 800-63B). */
export const ZNewPassword = z
  .string()
  .min(12, '密码至少 12 个字符 / at least 12 characters')
  .max(200, '密码最多 200 个字符 / at most 200 characters');

/** argon2id with the library's defaults (64 MiB, 3 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A one-time password to hand over once: 20 characters from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Compared against when the username does not exist, so that timing does not reveal which names do. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}
