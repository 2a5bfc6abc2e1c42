import type { RequestBody, Schemas } from '../../api/schema';

/** What the administration screens read from the hub, as its controllers answer. */

export type { PackSummary, PackVersion, SettingSchema } from '../../api/packs';

/** GET /api/packs/:id/rules */
export type RuleView = Schemas['Rule'];

/** The body of POST /api/packs/:id/preview and POST /api/packs/:id/versions. */
export type PackDraft = RequestBody<'/api/packs/{id}/preview', 'post'>;

export type VerdictSide = Schemas['VerdictSide'];

/** POST /api/packs/:id/preview */
export type ImpactPreview = Schemas['ImpactPreview'];

export type { SourceStatus, SyncView } from '../../api/sources';

export type RecordProblem = Schemas['RecordProblem'];

/** GET /api/sources/:id/problems */

export type SourceProblems = Schemas['SourceProblems'];

/** GET /api/users */
export type UserView = Schemas['User'];

/** POST /api/users and POST /api/users/:id/password-reset */
export type UserWithPassword = Schemas['UserWithPassword'];

/** GET /api/tokens */
export type TokenView = Schemas['Token'];

/** GET /api/audit */
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];

export type AuditProblem = Schemas['AuditProblem'];

/** GET /api/audit/verify: the keyed chain against the checkpoints kept outside the database */
export type AuditVerification = Schemas['AuditVerification'];

export const CHANNELS = ['webhook', 'dingtalk', 'wecom', 'email'] as const;
export type ChannelId = (typeof CHANNELS)[number];
export const NOTIFY_SEVERITIES = ['critical', 'warning', 'info'] as const;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const DELIVERY_KINDS = ['immediate', 'digest', 'test'] as const;

/** GET /api/notifications/channels */
export type ChannelAvailability = Schemas['ChannelAvailability'];

/** GET /api/notifications/subscriptions */
export type SubscriptionView = Schemas['Subscription'];

/** GET /api/notifications/deliveries */
export type DeliveryView = Schemas['Delivery'];
export type DeliveryPage = Schemas['DeliveryPage'];

export type DeliveryDetail = Schemas['DeliveryDetail'];

/** The reader's half of a bilingual text. */
export { pick } from '@hub/vocabulary';
