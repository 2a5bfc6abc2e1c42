/* eslint-disable @typescript-eslint/no-explicit-any -- the wasm engine's bindings are untyped glue */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import pg from 'pg';

/**
 * Prisma Migrate through the wasm schema engine, because the native engine cannot be downloaded
 * here. Reads and writes the standard `prisma/migrations/<ts>_<name>/migration.sql` layout and fills
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so the native CLI can take over
 * wherever it is available. The adapter work-arounds are those of shared/notes/prisma-offline.md.
 */

export interface PgConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** A config object, never `{ connectionString }`: pg ignores `database` overrides on a connection string. */
export function pgConfigFromUrl(url: string): PgConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
  };
}

/**
 * Process-wide state, kept on globalThis: the wasm glue module is one per process (Node's module
 * cache), so two copies of this file (a test runner may load it twice) must share one instance and
 * one queue — instantiating again swaps the memory under a running engine.
 */
interface EngineState {
  engine?: Promise<any>;
  queue: Promise<unknown>;
  /** the last panic message; without a registry a wasm panic crashes on `set_message` */
  panic: { message: string };
}
const state: EngineState = ((globalThis as any).__hubSchemaEngine ??= {
  queue: Promise.resolve(),
  panic: { message: '' },
});
const panic = state.panic;
(globalThis as any).PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (m: string) => {
    panic.message = m;
  },
};

/** Instantiates the wasm by hand: importing `.wasm` would need --experimental-wasm-modules. */
function loadSchemaEngineClass(): Promise<any> {
  state.engine ??= (async () => {
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require(esm), Node >= 20.19
    const bg: any = require(bgPath);
    // Node's WebAssembly global is not in the ES lib typings this project compiles against.
    const WebAssembly = (globalThis as any).WebAssembly;
    const wasm = new WebAssembly.Module(
      fs.readFileSync(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm')),
    );
    const instance = new WebAssembly.Instance(wasm, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as any).__wbindgen_start();
    return bg.SchemaEngine;
  })();
  return state.engine;
}

const charColumns = new WeakMap<object, number[]>();
/** adapter-pg cannot read pg's internal `"char"` (OID 18) that the schema describer selects: report it as text. */
class CharAsTextClient extends pg.Client {
  override query(...args: any[]): any {
    const fix = (res: any) => {
      for (const r of Array.isArray(res) ? res : [res]) {
        const idx: number[] = [];
        (r?.fields ?? []).forEach((f: any, i: number) => {
          if (f.dataTypeID === 18) {
            f.dataTypeID = 25;
            idx.push(i);
          }
        });
        if (idx.length && r.rows) charColumns.set(r.rows, idx);
      }
      return res;
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last];
      args[last] = (e: unknown, r: unknown) => cb(e, fix(r));
    }
    const r = (super.query as any)(...args);
    return r && typeof r.then === 'function' ? r.then(fix) : r;
  }
}

async function connectAdapter(cfg: PgConfig): Promise<any> {
  const pool = new pg.Pool({ ...cfg, max: 2, Client: CharAsTextClient as any });
  const adapter: any = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (q: unknown) => {
    const res = await queryRaw(q);
    for (const i of charColumns.get(res.rows) ?? []) res.columnTypes[i] = ColumnTypeEnum.Character;
    return res;
  };
  // adapter-pg splits scripts on ';', which breaks $$ function bodies; one simple query is also atomic.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

/** `opened` collects the adapters the engine connects: it never closes their pools itself. */
function migrateAdapterFactory(cfg: PgConfig, opened: { dispose(): Promise<void> }[]) {
  return {
    provider: 'postgres' as const,
    adapterName: '@prisma/adapter-pg',
    connect: async () => {
      const adapter = await connectAdapter(cfg);
      opened.push(adapter);
      return adapter;
    },
    // The stock shadow factory drops the database while its own pool still holds it, and with a
    // connection string would even reuse the main database: create and drop it ourselves.
    async connectToShadowDb() {
      const admin = new pg.Client(cfg);
      await admin.connect();
      const db = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
      await admin.query(`CREATE DATABASE "${db}"`);
      const shadow = await connectAdapter({ ...cfg, database: db });
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        try {
          await dispose();
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
          await admin.end();
        }
      };
      return shadow;
    },
  };
}

const filters = { externalTables: [] as string[], externalEnums: [] as string[] };

function readMigrations(baseDir: string) {
  const lock = path.join(baseDir, 'migration_lock.toml');
  const dirs = fs.existsSync(baseDir)
    ? fs.readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory())
    : [];
  return {
    baseDir,
    shadowDbInitScript: '',
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8') : null,
    },
    migrationDirectories: dirs
      .map((d) => ({
        path: d.name,
        migrationFile: {
          path: 'migration.sql',
          content: {
            tag: 'ok' as const,
            value: fs.readFileSync(path.join(baseDir, d.name, 'migration.sql'), 'utf8'),
          },
        },
      }))
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
}

export interface SchemaPaths {
  schemaFile: string;
  migrationsDir: string;
}

/** One engine at a time: the single wasm instance is not safe to drive from two engines at once. */
function withEngine<T>(url: string, paths: SchemaPaths, fn: (engine: any) => Promise<T>): Promise<T> {
  const run = state.queue.then(() => runEngine(url, paths, fn));
  state.queue = run.catch(() => undefined);
  return run;
}

async function runEngine<T>(url: string, paths: SchemaPaths, fn: (engine: any) => Promise<T>): Promise<T> {
  const SchemaEngine = await loadSchemaEngineClass();
  const content = fs.readFileSync(paths.schemaFile, 'utf8');
  panic.message = '';
  let engine: any;
  const opened: { dispose(): Promise<void> }[] = [];
  try {
    engine = await SchemaEngine.new(
      { datamodels: [[paths.schemaFile, content]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(migrateAdapterFactory(pgConfigFromUrl(url), opened) as any),
    );
    return await fn(engine);
  } catch (e) {
    if (panic.message) throw new Error(`schema engine panicked: ${panic.message}`, { cause: e });
    throw e instanceof Error ? e : new Error(JSON.stringify(e));
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((a) => a.dispose()));
  }
}

/** `prisma migrate deploy`: applies pending migrations, refuses after a failed one. */
export async function applyMigrations(url: string, paths: SchemaPaths): Promise<string[]> {
  return withEngine(url, paths, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList: readMigrations(paths.migrationsDir),
      filters,
    });
    return out.appliedMigrationNames as string[];
  });
}

/** `prisma migrate dev --create-only`: writes a migration for the schema's changes, or returns null. */
export async function createMigration(url: string, paths: SchemaPaths, name: string): Promise<string | null> {
  return withEngine(url, paths, async (engine) => {
    // The shadow database replays the migrations without the engine's history table, which the
    // privileges migration names: an empty one stands in for it (the diff never compares it).
    const list = {
      ...readMigrations(paths.migrationsDir),
      shadowDbInitScript: 'CREATE TABLE _prisma_migrations (id text PRIMARY KEY);',
    };
    const from = list.migrationDirectories.length
      ? { tag: 'migrations' as const, ...list }
      : { tag: 'empty' as const };
    const schema = {
      files: [{ path: paths.schemaFile, content: fs.readFileSync(paths.schemaFile, 'utf8') }],
    };
    const out = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', ...schema },
      script: true,
      exitCode: true,
      filters,
    });
    if (out.exitCode !== 2) return null;
    const ts = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const dir = path.join(paths.migrationsDir, `${ts}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), out.stdout ?? '');
    fs.writeFileSync(
      path.join(paths.migrationsDir, 'migration_lock.toml'),
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
    return dir;
  });
}
