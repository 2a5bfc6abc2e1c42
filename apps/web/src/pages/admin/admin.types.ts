import type { Bilingual } from '../../api/client';
import type { SyncView } from '../../api/sources';
import type { Role } from '../../auth/auth';

/** What the administration screens read from the hub, as its controllers answer. */

export type { PackSummary, PackVersion, SettingSchema } from '../../api/packs';

/** GET /api/packs/:id/rules */
export interface RuleView {
  id: string;
  pack: string;
  title: Bilingual;
  clause: string;
  basis: 'local' | 'national-verified' | 'national-unverified';
  basisNote: Bilingual | null;
  severity: 'blocking' | 'advisory';
  domain: { id: string; zh: string; en: string };
  requirement: Bilingual;
  sources: { id: string; zh: string; en: string }[];
  /** the settings (thresholds) the rule reads */
  settings?: string[];
}

/** The body of POST /api/packs/:id/preview and POST /api/packs/:id/versions. */
export interface PackDraft {
  settings: Record<string, unknown>;
  confirmedRuleIds?: string[];
  effectiveFrom: string;
  note: string;
}

export interface VerdictSide {
  verdict: string;
  warningOnly: boolean;
}

/** POST /api/packs/:id/preview */
export interface ImpactPreview {
  packId: string;
  draftVersion: number;
  effectiveFrom: string;
  projectsAffected: number;
  projectsEvaluated: number;
  flips: { projectCode: string; projectName: string; ruleId: string; from: VerdictSide; to: VerdictSide }[];
  readinessChanges: { projectCode: string; from: boolean; to: boolean }[];
}

export type { SourceStatus, SyncView } from '../../api/sources';

export interface RecordProblem {
  kind: string;
  externalId: string | null;
  reason: Bilingual;
  issues: { path: string; message: string }[];
  payload: unknown;
}

/** GET /api/sources/:id/problems */

export interface SourceProblems {
  source: string;
  sync: SyncView | null;
  problems: RecordProblem[];
}

/** GET /api/users */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  signIn: { password: boolean; oidc: boolean };
  mustChangePassword: boolean;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** POST /api/users and POST /api/users/:id/password-reset */
export interface UserWithPassword {
  user: UserView;
  oneTimePassword: string;
}

/** GET /api/tokens */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  username: string;
  role: Role;
  expiresAt: string;
  revokedAt: string | null;
  /** set when the hub revoked it because the user's password was reset, or was disabled or got other access */
  revokedReason?: 'password-reset' | 'disabled' | 'access-change' | null;
  lastUsedAt: string | null;
  createdBy: string;
  createdAt: string;
  status: 'active' | 'expired' | 'revoked';
}

/** GET /api/audit */
export interface AuditEntry {
  seq: string;
  at: string;
  actor: string;
  action: string;
  /** what the action is, in words */
  actionTitle: Bilingual;
  objectType: string;
  objectId: string;
  data: unknown;
  hash: string;
}

export interface AuditProblem {
  /** e.g. rewritten-entry, truncated-tail, broken-link */
  kind: string;
  seq: string | null;
  message: Bilingual;
}

/** GET /api/audit/verify: the keyed chain against the checkpoints kept outside the database */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  lastSeq: string | null;
  keyedFrom: { seq: string; chainId: string; keyId: string; unkeyedEntries: number } | null;
  checkpoints: { file: string; checked: number; latest: { at: string; seq: string; count: number } | null };
  firstBroken: AuditProblem | null;
  problems: AuditProblem[];
  moreProblems: number;
  warnings: Bilingual[];
}

export interface Paged<T> {
  total: number;
  items: T[];
}

export const CHANNELS = ['webhook', 'dingtalk', 'wecom', 'email'] as const;
export type ChannelId = (typeof CHANNELS)[number];
export const NOTIFY_SEVERITIES = ['critical', 'warning', 'info'] as const;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const DELIVERY_KINDS = ['immediate', 'digest', 'test'] as const;

/** GET /api/notifications/channels */
export interface ChannelAvailability {
  channel: ChannelId;
  title: Bilingual;
  available: boolean;
  reason: Bilingual | null;
}

/** GET /api/notifications/subscriptions */
export interface SubscriptionView {
  id: string;
  name: string;
  channel: ChannelId;
  /** masked: tokens and keys never leave the hub */
  target: string;
  hasSecret: boolean;
  unitCodes: string[];
  ruleIds: string[];
  minSeverity: (typeof NOTIFY_SEVERITIES)[number];
  immediate: boolean;
  digest: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  deliveries: { pending: number; delivered: number; failed: number };
}

/** GET /api/notifications/deliveries */
export interface DeliveryView {
  id: string;
  subscriptionId: string;
  subscriptionName: string;
  channel: ChannelId;
  kind: (typeof DELIVERY_KINDS)[number];
  status: (typeof DELIVERY_STATUSES)[number];
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  checkRunId: string | null;
  alertIds: string[];
}

export interface DeliveryDetail extends DeliveryView {
  payload: unknown;
}

/** The reader's half of a bilingual text. */
export { pick } from '@hub/vocabulary';
