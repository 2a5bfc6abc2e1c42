import os from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { Option } from 'commander';
import type { CheckRequester } from '../modules/checks/checks.service';
import type { OutputFormat } from './format';

/**
 * What every command shares: the hub's modules on its database, output helpers, the actor.
 *
 * `hub --help`, `--version` and a usage error must answer without loading Nest, Prisma or the
 * services: a command file imports the services it uses inside its action
 * (`const { SyncService } = await import('../modules/sources/sync.service.js')`), and `withHub`
 * loads the rest when an action runs. Only light modules (constants, zod schemas, formatting) are
 * imported at the top of a command file; `cli.spec.ts` checks that none of them brings Nest in.
 */
export type Action = (ctx: INestApplicationContext) => Promise<void>;

export async function withHub(action: Action): Promise<void> {
  const [{ loadEnv }, { createLogger }, { createAppContext, prepareDatabase }] = await Promise.all([
    import('../config/env.js'),
    import('../infra/logger.js'),
    import('../bootstrap.js'),
  ]);
  const env = loadEnv({ HUB_LOG_LEVEL: 'warn', ...process.env });
  const logger = createLogger(env.HUB_LOG_LEVEL, 'stderr');
  const base = await prepareDatabase(env, logger);
  let ctx: INestApplicationContext | undefined;
  try {
    ctx = await createAppContext(env, logger, base);
    await action(ctx);
  } finally {
    await ctx?.close();
    await base.db.stop();
  }
}

export const formatOption = () =>
  new Option('--format <format>', '输出格式 / output format').choices(['table', 'json']).default('table');

export function print(format: OutputFormat, json: unknown, table: () => string): void {
  console.log(format === 'json' ? JSON.stringify(json, null, 2) : table());
}

/**
 * Who the audit trail names for a command: the CLI runs on the server with the database's own
 * credentials, so it acts as an operator (`cli:<os user>`), optionally on someone's behalf.
 */
export function cliActor(onBehalfOf?: string): string {
  const self = `cli:${os.userInfo().username}`;
  return onBehalfOf ? `${self} (for ${onBehalfOf})` : self;
}

/** The operator as the starter of a check: not held to the per-user limit of API callers. */
export function cliRequester(): CheckRequester {
  return { actor: cliActor(), limited: false };
}
