import { randomInt, randomUUID } from 'node:crypto';
import { creditCodeCheckChar } from '@hub/contracts';
import { type HubEnvInput, loadEnv } from '../../../config/env';
import type { HostResolver } from '../../../infra/host-resolver';
import type { NotifiableAlert } from '../notification.types';
import { NotifyEgress } from '../notify-egress.service';
import type { NotifyOptions } from '../targets';

/** A fresh, valid 统一社会信用代码. */
export function unitCode(): string {
  const first17 = `9143${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e4)).padStart(4, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

let seq = 0;

/** A critical alert of a fresh unit and project, unless told otherwise. */
export function notifiableAlert(overrides: Partial<NotifiableAlert> = {}): NotifiableAlert {
  seq++;
  return {
    id: randomUUID(),
    ruleId: 'MON-PROD-NO-FILING',
    severity: 'critical',
    status: 'open',
    projectCode: `YY-2026-${String(seq).padStart(4, '0')}`,
    ownerUnitCode: unitCode(),
    ownerUnitName: `岳阳市测试局${seq}`,
    titleZh: `生产资源无有效等保备案 #${seq}`,
    titleEn: `Production resource without a valid MLPS filing #${seq}`,
    messageZh: `云主机 ecs-${seq} 正在运行，但项目没有已备案的等级保护备案。`,
    messageEn: `Cloud host ecs-${seq} is running but its project has no MLPS filing.`,
    firstSeenAt: '2026-11-01T01:00:00.000Z',
    lastSeenAt: '2026-11-01T01:30:00.000Z',
    ...overrides,
  };
}

/**
 * The egress gate as the hub builds it, on `resolver` and the settings given (defaults
 * otherwise): what channel tests send through.
 */
export function testEgress(
  resolver: HostResolver,
  env: Partial<Record<keyof HubEnvInput, string>> = {},
  options: NotifyOptions = {},
): NotifyEgress {
  return new NotifyEgress(loadEnv({ HUB_LOG_LEVEL: 'silent', ...env }), resolver, options);
}
