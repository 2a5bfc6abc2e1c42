import type { Text } from '@hub/rules';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * The hub's two database roles. The owner runs migrations and owns every table; the application
 * role — what the API, the workers and the CLI run as — owns nothing, so it cannot disable or drop
 * the audit trail's append-only trigger nor alter its table. Its privileges are granted to the group
 * role {@link APPLICATION_GROUP_ROLE} by `hub_grant_application_privileges()` (migration
 * 20261207155206), and the login role is made a member of it here.
 */
export const APPLICATION_GROUP_ROLE = 'hub_application';

/** Serialises the privilege step of hubs starting together on one database. */
const PRIVILEGES_LOCK = 7_246_101;

/** The login role the hub runs as; with a password when the hub manages it (embedded PostgreSQL). */
export interface ApplicationLogin {
  user: string;
  password?: string;
}

type Run = (sql: string) => Promise<Record<string, unknown>[]>;

/** pg's SQLSTATEs for a login refused because of its password or a missing role. */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

/**
 * As the owner, at every start after the migrations: creates the embedded login role (or resets its
 * password to the one kept beside the data directory), grants the application's privileges again
 * (pg-boss's tables and a later migration's are covered too) and makes the login role a member of
 * {@link APPLICATION_GROUP_ROLE}. With an external database whose owner may not grant membership,
 * logs what the administrator must run instead.
 */
export async function prepareApplicationRole(
  ownerUrl: string,
  appUrl: string,
  app: ApplicationLogin,
  logger: Logger,
): Promise<void> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  owner.on('notice', (n) => logger.warn({ notice: n.message }, 'database notice while granting privileges'));
  await owner.connect();
  try {
    if (app.password !== undefined && !(await canLogIn(appUrl))) {
      const { rowCount } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [app.user]);
      const role = owner.escapeIdentifier(app.user);
      const password = owner.escapeLiteral(app.password);
      await owner.query(
        `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ` +
          `NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${password}`,
      );
      logger.info(
        { role: app.user },
        rowCount ? 'application role password reset' : 'application role created',
      );
    }
    await owner.query('BEGIN');
    await owner.query('SELECT pg_advisory_xact_lock($1)', [PRIVILEGES_LOCK]);
    const [self] = (
      await owner.query(
        `SELECT current_user AS name,
                COALESCE((SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class
                          WHERE oid = to_regclass('audit_entries')), false) AS owns_schema`,
      )
    ).rows as { name: string; owns_schema: boolean }[];
    if (!self!.owns_schema) {
      logger.warn(
        { role: self!.name },
        'DATABASE_OWNER_URL does not own the audit trail: application privileges not granted',
      );
    } else {
      await owner.query('SELECT hub_grant_application_privileges()');
      await grantMembership(owner, app.user, self!.name, logger);
    }
    await owner.query('COMMIT');
  } catch (e) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await owner.end();
  }
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (e) {
    if (LOGIN_REFUSED.has((e as { code?: string }).code ?? '')) return false;
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function grantMembership(owner: pg.Client, user: string, self: string, logger: Logger): Promise<void> {
  if (user === self) return; // one role: it owns what it uses
  const { rows } = await owner.query<{ group_exists: boolean; member: boolean | null }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2) AS group_exists,
            CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2)
                  AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
                 THEN pg_has_role($1, $2, 'MEMBER') END AS member`,
    [user, APPLICATION_GROUP_ROLE],
  );
  if (!rows[0]!.group_exists || rows[0]!.member) return;
  const grant = `GRANT ${APPLICATION_GROUP_ROLE} TO ${owner.escapeIdentifier(user)}`;
  await owner.query('SAVEPOINT membership');
  try {
    await owner.query(grant);
  } catch (e) {
    await owner.query('ROLLBACK TO SAVEPOINT membership');
    logger.warn(
      { role: user, err: (e as Error).message },
      `the hub's login role is not a member of ${APPLICATION_GROUP_ROLE} and the owner may not make it one: run as a superuser: ${grant}`,
    );
  }
}

/**
 * What the role the hub runs as could do to the audit trail beyond appending: a superuser, or the
 * owner of `audit_entries` (or a member of it), can disable the append-only trigger and rewrite or
 * delete entries. Read with the caller's own connection.
 */
export async function applicationRoleRisks(run: Run): Promise<Text[]> {
  const rows = (await run(
    `SELECT current_user::text AS role, r.rolsuper AS superuser,
            pg_has_role(current_user, c.relowner, 'MEMBER') AS owner,
            pg_get_userbyid(c.relowner)::text AS table_owner
       FROM pg_roles r CROSS JOIN pg_class c
      WHERE r.rolname = current_user AND c.oid = to_regclass('audit_entries')`,
  )) as { role: string; superuser: boolean; owner: boolean; table_owner: string }[];
  const row = rows[0];
  if (!row) return [];
  const exposed = {
    zh: '密钥链与检查点能发现改写和截尾，但无法阻止；请按 README 为中枢配置不是超级用户、也不拥有表的应用角色',
    en: 'the keyed chain and the checkpoints expose a rewrite or a truncation but cannot prevent it; give the hub an application role that is no superuser and owns no table (see README)',
  };
  if (row.superuser) {
    return [
      {
        zh: `中枢连接数据库所用的角色 ${row.role} 是超级用户：可停用审计表的只追加触发器，改写或删除审计条目。${exposed.zh}`,
        en: `the hub's database role ${row.role} is a superuser: it can disable the audit trail's append-only trigger and rewrite or delete entries; ${exposed.en}`,
      },
    ];
  }
  if (row.owner) {
    return [
      {
        zh: `中枢连接数据库所用的角色 ${row.role} 拥有审计表（所有者 ${row.table_owner}）：可停用只追加触发器，改写或删除审计条目。${exposed.zh}`,
        en: `the hub's database role ${row.role} owns the audit table (owner ${row.table_owner}): it can disable the append-only trigger and rewrite or delete entries; ${exposed.en}`,
      },
    ];
  }
  return [];
}

/**
 * At start, as the application role: logs each risk of {@link applicationRoleRisks}, and with
 * `refuse` (HUB_DATABASE_ROLE_CHECK) does not start at all.
 */
export async function checkApplicationRole(
  appUrl: string,
  policy: 'warn' | 'refuse',
  logger: Logger,
): Promise<Text[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  let risks: Text[];
  try {
    risks = await applicationRoleRisks(async (sql) => (await client.query(sql)).rows);
  } finally {
    await client.end();
  }
  if (risks.length && policy === 'refuse') {
    throw new Error(
      `${risks.map((r) => r.zh).join('；')}（HUB_DATABASE_ROLE_CHECK=refuse：中枢不启动）\n` +
        `${risks.map((r) => r.en).join('; ')} (HUB_DATABASE_ROLE_CHECK=refuse: the hub does not start)`,
    );
  }
  for (const risk of risks)
    logger.warn({ risk: risk.en }, 'the audit trail is exposed to the hub’s own database role');
  return risks;
}
