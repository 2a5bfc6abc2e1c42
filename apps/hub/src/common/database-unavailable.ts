import type { Text } from '@hub/rules';

/** Prisma's codes for a server it cannot reach, a connection it lost, a pool it waited on in vain. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Driver adapter error kinds that say the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
/** Socket errors, and PostgreSQL's connection-exception (08) and shutdown (57P0x) SQLSTATEs. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const SQLSTATE = /^(08\d{3}|57P0[1-3])$/;
const MESSAGES =
  /Connection terminated|Can't reach database server|Connection refused|the database system is (starting up|shutting down)/i;

/** What a caller is told while the database cannot be reached. */
export const DATABASE_UNAVAILABLE_TEXT: Text = {
  zh: '数据库暂时不可用，请稍后重试；持续出现时请联系运维人员检查 PostgreSQL',
  en: 'The database is unavailable for the moment: try again shortly, and ask the operators to check PostgreSQL if it persists',
};

/**
 * Whether `error` (or anything in its cause chain) says the database could not be reached or the
 * connection was lost, rather than that a statement was wrong: what answers 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const { code, kind, name, message, cause, originalCode } = e as Record<string, unknown>;
    if (name === 'PrismaClientInitializationError') return true;
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)))
      return true;
    if (typeof originalCode === 'string' && SQLSTATE.test(originalCode)) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    e = cause;
  }
  return false;
}
