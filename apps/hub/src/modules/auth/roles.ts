import type { Text } from '@hub/rules';

/** Who a user is to the hub. */
export const ROLES = ['admin', 'reviewer', 'monitor', 'applicant', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TITLES: Record<Role, Text> = {
  admin: { zh: '系统管理员', en: 'administrator' },
  reviewer: { zh: '技术支持组', en: 'reviewer (technical support group)' },
  monitor: { zh: '大数据中心', en: 'monitor (big-data centre)' },
  applicant: { zh: '建设单位', en: 'applicant (construction unit)' },
  auditor: { zh: '审计', en: 'auditor (read-only)' },
};

/**
 * What a route may require. A route declares exactly one permission (or is public); a role holds a
 * set of them. `applicant` holds read permissions only over its own unit's projects: the queries
 * behind those routes are narrowed by the caller's scope.
 */
export const PERMISSIONS = [
  'projects:read',
  'checks:run',
  'checks:read',
  'packs:read',
  /** draft pack settings: which verdicts would flip */
  'packs:preview',
  /** publish pack versions, confirm national-unverified rules, pin a version to a project */
  'packs:manage',
  'sources:read',
  'bindings:read',
  'bindings:decide',
  'registry:import',
  /** exemptions, reviews with their opinions, rectification items and disputes */
  'exemptions:read',
  'exemptions:request',
  /** record an exemption's approval or rejection, revoke one */
  'exemptions:decide',
  'reviews:read',
  /** apply for a pre-acceptance review (a fresh check follows), mark rectification items done */
  'reviews:apply',
  /** decide a review (同意 / 不同意 / 整改后复核), override, set rectification items */
  'reviews:decide',
  /** start scans; read their progress, history, trends and diffs */
  'scans:run',
  'scans:read',
  /** monitoring alerts; acknowledge or resolve them */
  'alerts:read',
  'alerts:manage',
  /** notification subscriptions and the delivery log */
  'notifications:read',
  'notifications:manage',
  /** contest a finding (建设单位) */
  'disputes:raise',
  /** uphold or dismiss a dispute */
  'disputes:decide',
  'audit:read',
  'users:read',
  'users:manage',
  'tokens:own',
  'tokens:manage',
  'session:self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = [
  'projects:read',
  'checks:read',
  'packs:read',
  'sources:read',
  'bindings:read',
  'exemptions:read',
  'reviews:read',
  'scans:read',
  'alerts:read',
];
const SELF: Permission[] = ['session:self', 'tokens:own'];

/** The policy table: what each role may do. Anything not listed is denied. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  reviewer: [
    ...READ_ALL,
    ...SELF,
    'checks:run',
    'bindings:decide',
    'registry:import',
    'packs:preview',
    'exemptions:request',
    'exemptions:decide',
    'reviews:apply',
    'reviews:decide',
    'disputes:decide',
    'scans:run',
  ],
  monitor: [
    ...READ_ALL,
    ...SELF,
    'checks:run',
    'bindings:decide',
    'scans:run',
    'alerts:manage',
    'notifications:read',
    'notifications:manage',
  ],
  // May apply, see findings and contest; never decide.
  applicant: [
    ...SELF,
    'projects:read',
    'checks:read',
    'checks:run',
    'packs:read',
    'exemptions:read',
    'exemptions:request',
    'reviews:read',
    'reviews:apply',
    'disputes:raise',
  ],
  auditor: [...READ_ALL, ...SELF, 'audit:read', 'users:read', 'notifications:read'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Which projects a caller may see: every project, or those of one unit (统一社会信用代码). */
export type ProjectScope = { kind: 'all' } | { kind: 'unit'; unitCode: string };
export const ALL_PROJECTS: ProjectScope = { kind: 'all' };

/** The authenticated caller of a request or command. */
export interface Principal {
  userId: string | null;
  username: string;
  /** the person's name (显示名), as documents they sign print it */
  displayName: string;
  role: Role;
  unitCode: string | null;
  /** set when the request carried an API token rather than a session */
  tokenId: string | null;
  mustChangePassword: boolean;
}

export function scopeOf(principal: Pick<Principal, 'role' | 'unitCode'>): ProjectScope {
  if (principal.role !== 'applicant') return ALL_PROJECTS;
  if (!principal.unitCode) throw new Error('an applicant without a unit has no scope');
  return { kind: 'unit', unitCode: principal.unitCode };
}

/** The name the audit trail records for a principal: the person, whether by session or token. */
export function actorOf(principal: Principal): string {
  return principal.username;
}

/** The name a document the principal signs prints (审查人): their display name, never their login. */
export function signerOf(principal: Principal): string | null {
  const name = principal.displayName.trim();
  return name === '' ? null : name;
}
