import type { Command } from 'commander';
import type { SessionKeyView } from '../modules/auth/session-keys.service';
import { cliActor, formatOption, print, withHub } from './context';
import type { OutputFormat } from './format';

const STORE_TEXT = {
  environment: 'HUB_SESSION_SECRET',
  database: '数据库 database (session_keys)',
  file: '密钥文件 HUB_SESSION_KEY_FILE',
} as const;

const keyLine = (k: SessionKeyView) =>
  `${k.kid.padEnd(24)} created ${k.createdAt}  ` +
  (k.signing ? '签发中 signing' : k.retiredAt ? `仅验证 verifies only, retired ${k.retiredAt}` : '');

/**
 * `hub keys list | rotate`: the keys that sign sign-in sessions. Rotating makes a new key sign;
 * sessions signed with the old one stay valid until they expire.
 */
export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('会话签名密钥 / session signing keys');
  keys
    .command('list')
    .description('会话签名密钥（不含密钥内容）/ session signing keys, without their secrets')
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { SessionKeysService } = await import('../modules/auth/session-keys.service.js');
        const service = ctx.get(SessionKeysService);
        const list = await service.list();
        print(opts.format, { store: service.storeKind, keys: list }, () =>
          [`存放于 / kept in: ${STORE_TEXT[service.storeKind]}`, ...list.map(keyLine)].join('\n'),
        );
      }),
    );
  keys
    .command('rotate')
    .description(
      '生成新的会话签名密钥；旧密钥签发的会话在到期前仍有效 / a new signing key; sessions signed before stay valid until they expire',
    )
    .addOption(formatOption())
    .action((opts: { format: OutputFormat }) =>
      withHub(async (ctx) => {
        const { SessionKeysService } = await import('../modules/auth/session-keys.service.js');
        const report = await ctx.get(SessionKeysService).rotate(cliActor());
        print(opts.format, report, () =>
          [
            `新密钥 / new key: ${report.kid}（${STORE_TEXT[report.store]}）`,
            ...(report.retired.length ? [`停止签发 / retired: ${report.retired.join(', ')}`] : []),
            ...(report.removed.length ? [`已删除 / removed: ${report.removed.join(', ')}`] : []),
            ...report.keys.map(keyLine),
          ].join('\n'),
        );
      }),
    );
}
