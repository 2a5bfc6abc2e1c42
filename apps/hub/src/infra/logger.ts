import type { LoggerService } from '@nestjs/common';
import { CONNECTORS, secretConfigFields } from '@hub/connectors';
import pino, { type DestinationStream, type Logger } from 'pino';
import { SECRET_KEYS } from '../config/env';

/** What a redacted value is logged as. */
export const LOG_CENSOR = '[REDACTED]';

/**
 * Names whose values are credentials wherever they appear in a log object: what an upstream issues
 * (`access_token`), what the hub's own sign-in handles (passwords and their hashes, session and API
 * token secrets, OIDC secrets), the HTTP headers that carry any of them, in both spellings
 * (redaction paths are case-sensitive), and the secrets each connector declares: under their
 * environment keys (`MLPS_API_TOKEN`) and the config fields they become (`token`).
 */
const SECRET_NAMES = new Set([
  'password',
  'passwd',
  'newPassword',
  'currentPassword',
  'oneTimePassword',
  'passwordHash',
  'secret',
  'secretHash',
  'client_secret',
  'app_secret',
  'token',
  'apiToken',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'codeVerifier',
  'code_verifier',
  'signature',
  'databaseUrl',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
  'x-signature',
  'X-Signature',
  'x-app-secret',
  'X-App-Secret',
  'x-api-token',
  'X-Api-Token',
  ...SECRET_KEYS,
  ...CONNECTORS.flatMap(secretConfigFields),
]);

const SECRET_NAMES_LOWER = new Set([...SECRET_NAMES].map((n) => n.toLowerCase()));

/** Whether `name` (a field, header or query parameter, in any case) holds a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES_LOWER.has(name.toLowerCase());
}

/**
 * How many levels under the logged object a secret name is looked for (pino's `*` spans one level):
 * `password`, `user.password`, `req.headers.authorization`. Each level multiplies the cost of a log
 * line (a page of 500 problems: 0.3 ms unredacted, 1.6 ms at 2, 16 ms at 4), so deeper places that
 * are known to hold secrets are listed by name below.
 */
const SECRET_DEPTH = 2;

/** Redaction paths of `name` at the top of a log object and at every depth down to {@link SECRET_DEPTH}. */
function secretPaths(name: string): string[] {
  const dotted = /^[A-Za-z_$][\w$]*$/.test(name);
  return Array.from({ length: SECRET_DEPTH + 1 }, (_, depth) => {
    const parents = Array<string>(depth).fill('*').join('.');
    if (dotted) return parents ? `${parents}.${name}` : name;
    return `${parents}["${name}"]`;
  });
}

/**
 * pino `redact` paths: every secret name at the top of the logged object and up to
 * {@link SECRET_DEPTH} levels below it (`password`, `user.password`, `req.headers.authorization`),
 * and whole objects that only ever hold request details: an axios config's headers and body, and an
 * axios error's `config` and `request` (also those of its `response`), under `err` as pino's error
 * serializer writes them, or under `error`.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  ...[...SECRET_NAMES].flatMap(secretPaths),
  'config.headers',
  'config.data',
  '*.config.headers',
  '*.config.data',
  ...['err', 'error', '*.err', '*.error'].flatMap((error) => [
    `${error}.config`,
    `${error}.request`,
    `${error}.response.config`,
    `${error}.response.request`,
    `${error}.response.headers["set-cookie"]`,
  ]),
];

/**
 * One pino logger per process; pretty output on a terminal, JSON lines otherwise. Credentials are
 * redacted (see {@link LOG_REDACT_PATHS}); `destination` replaces stdout/stderr (tests).
 */
export function createLogger(
  level: string,
  stream: 'stdout' | 'stderr' = 'stdout',
  destination?: DestinationStream,
): Logger {
  const fd = stream === 'stdout' ? 1 : 2;
  const pretty =
    !destination && (stream === 'stdout' ? process.stdout : process.stderr).isTTY && level !== 'silent';
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_CENSOR },
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: { destination: fd, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
            },
          }
        : {}),
    },
    pretty ? undefined : (destination ?? pino.destination({ fd, sync: true })),
  );
}

/**
 * The logger Nest gets for its own messages (modules initialised, every route mapped, application
 * started): warn and above, unless the hub logs at debug or trace, so a start-up shows the hub's
 * lines rather than a hundred of the framework's.
 */
export function frameworkLogger(logger: Logger): PinoNestLogger {
  const { values } = logger.levels;
  const verbose = logger.levelVal <= values['debug']!;
  const stricter = logger.levelVal > values['warn']!;
  return new PinoNestLogger(
    logger.child({ component: 'nest' }, { level: verbose || stricter ? logger.level : 'warn' }),
  );
}

/** NestJS's logger interface on top of pino, so framework messages land in the same stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
