import type { SourceId } from '@hub/contracts';
import type { EvidenceRef, Text } from '@hub/rules';

/**
 * critical: a legal line is crossed now; warning: a duty falls due or lapses; info: worth a look.
 * open → acknowledged (someone is on it) → resolved (by a person, or by the system when it cleared).
 */
import type { AlertSeverity } from '@hub/vocabulary';

export { ALERT_SEVERITIES, ALERT_STATUSES, type AlertSeverity, type AlertStatus } from '@hub/vocabulary';

export const MONITOR_RULE_IDS = [
  'MON-PROD-NO-FILING',
  'MON-ORPHAN',
  'MON-IDLE',
  'MON-EVAL-DUE',
  'MON-SHARE-STALE',
  'MON-VIDEO-OFFLINE',
  'MON-SERVICE-STALE',
  'MON-REGRESSION',
  'MON-FILING-PENDING',
] as const;
export type MonitorRuleId = (typeof MONITOR_RULE_IDS)[number];

/** A continuous-monitoring rule of the big-data centre (obligations.md "Continuous monitoring"). */
export interface MonitorRule {
  id: MonitorRuleId;
  title: Text;
  /** the clause it watches, with the measures it comes from */
  clause: string;
  severity: AlertSeverity;
  /**
   * upstream systems whose stored records it reads: unless the latest bulk sync of each succeeded,
   * the rule is skipped and its alerts stay as they were (a failed fetch never clears an alert)
   */
  sources: readonly SourceId[];
}

export const MONITOR_RULES: Readonly<Record<MonitorRuleId, MonitorRule>> = {
  'MON-PROD-NO-FILING': {
    id: 'MON-PROD-NO-FILING',
    title: {
      zh: '生产环境资源所属系统未取得等级保护备案',
      en: 'Production resource of a system without an MLPS filing',
    },
    clause: '岳阳 第三十二条',
    severity: 'critical',
    sources: ['gov-cloud', 'mlps'],
  },
  'MON-ORPHAN': {
    id: 'MON-ORPHAN',
    title: { zh: '运行中的资源长期未归属任何项目', en: 'Running resource bound to no project' },
    clause: '岳阳 第三十一条',
    severity: 'warning',
    sources: ['gov-cloud'],
  },
  'MON-IDLE': {
    id: 'MON-IDLE',
    title: { zh: '政务云资源闲置', en: 'Idle government cloud resource' },
    clause: '郴州 第十六条',
    severity: 'info',
    sources: ['gov-cloud'],
  },
  'MON-EVAL-DUE': {
    id: 'MON-EVAL-DUE',
    title: {
      zh: '三级及以上系统等级测评即将到期或已逾期',
      en: 'MLPS evaluation of a level-3+ system due or overdue',
    },
    clause: '公通字〔2007〕43号',
    severity: 'warning',
    sources: ['mlps'],
  },
  'MON-SHARE-STALE': {
    id: 'MON-SHARE-STALE',
    title: {
      zh: '资源目录数据未按更新周期更新',
      en: 'Catalogue entry not updated within its update cycle',
    },
    clause: '郴州 第十二条',
    severity: 'warning',
    sources: ['data-exchange'],
  },
  'MON-VIDEO-OFFLINE': {
    id: 'MON-VIDEO-OFFLINE',
    title: { zh: '项目视频通道在线率低于阈值', en: "Project's online video channel ratio below threshold" },
    clause: '岳阳 第六条',
    severity: 'warning',
    sources: ['video'],
  },
  'MON-SERVICE-STALE': {
    id: 'MON-SERVICE-STALE',
    title: {
      zh: '政务服务对接中断（办件数据回流停滞或“岳办岳好”服务下线）',
      en: 'Service integration lapsed (case-data return stale or 岳办岳好 service offline)',
    },
    clause: '岳阳 第六条',
    severity: 'warning',
    sources: ['service-platforms'],
  },
  'MON-REGRESSION': {
    id: 'MON-REGRESSION',
    title: {
      zh: '已同意验收的项目出现阻断项不通过',
      en: 'Accepted project now fails a blocking rule',
    },
    clause: '两市办法 / both measures',
    severity: 'critical',
    sources: [],
  },
  'MON-FILING-PENDING': {
    id: 'MON-FILING-PENDING',
    title: {
      zh: '等级保护备案受理超期未出具备案证明',
      en: 'MLPS filing pending beyond the certificate deadline',
    },
    clause: '公通字〔2007〕43号 第十七条',
    severity: 'warning',
    sources: ['mlps'],
  },
};

/** One condition a rule sees now, about one subject: what an alert is opened or kept open for. */
export interface Condition {
  ruleId: MonitorRuleId;
  /** stable deduplication key: the rule and its subject, e.g. `MON-IDLE:gov-cloud:ecs-1` */
  key: string;
  /** what it is about, e.g. `gov-cloud/resource/ecs-1` or `project/23-430600-0012` */
  subject: string;
  /** how the subject is named in the title, e.g. the resource id */
  label: string;
  /** the project the subject is bound to (by project code or a confirmed binding) */
  projectCode: string | null;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  message: Text;
  evidence: EvidenceRef[];
  details: Record<string, unknown>;
}

/** What one rule decided: the conditions it sees, and subjects it could not judge this time. */
export interface RuleResult {
  conditions: Condition[];
  /** keys of subjects whose evidence could not be read: their alerts are neither raised nor resolved */
  undecided: Set<string>;
}
