import { z } from 'zod';
import { apiSchema, ZInstant } from '../../openapi/api-schemas';
import { PERMISSIONS, ROLES } from './roles';

export const ZRole = apiSchema('Role', z.enum(ROLES));

/** A user as administrators see them: never a password or its hash. */
export const ZUserView = apiSchema(
  'User',
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    unitCode: z.string().nullable(),
    signIn: z.object({ password: z.boolean(), oidc: z.boolean() }),
    mustChangePassword: z.boolean(),
    disabled: z.boolean(),
    lastLoginAt: ZInstant.nullable(),
    createdAt: ZInstant,
  }),
);

/**
 * A user created over the API or a reset password: the one-time password, shown this once (only
 * accounts provisioned by the identity platform have none, and those are not made over the API).
 */
export const ZUserWithPassword = apiSchema(
  'UserWithPassword',
  z.object({ user: ZUserView, oneTimePassword: z.string() }),
);

export const ZSession = apiSchema(
  'Session',
  z.object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: ZInstant,
    user: ZUserView,
  }),
);

export const ZSignInMethods = apiSchema(
  'SignInMethods',
  z.object({ password: z.boolean(), oidc: z.boolean() }),
);

/** Who is calling and what they may do. */
export const ZMe = apiSchema(
  'Me',
  z.object({
    /** null for an API token of no user */
    user: ZUserView.nullable(),
    role: ZRole,
    unitCode: z.string().nullable(),
    viaToken: z.boolean(),
    permissions: z.array(z.enum(PERMISSIONS)),
  }),
);

export const TOKEN_REVOCATION_REASONS = ['password-reset', 'disabled', 'access-change'] as const;

export const ZTokenView = apiSchema(
  'Token',
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    username: z.string(),
    role: ZRole,
    expiresAt: ZInstant,
    revokedAt: ZInstant.nullable(),
    /** set when the hub revoked it because its user's password, access or status changed */
    revokedReason: z.enum(TOKEN_REVOCATION_REASONS).nullable(),
    lastUsedAt: ZInstant.nullable(),
    createdBy: z.string(),
    createdAt: ZInstant,
    status: z.enum(['active', 'expired', 'revoked']),
  }),
);

/** A new API token: the plain text `token`, shown this once, and what is kept of it. */
export const ZIssuedToken = apiSchema('IssuedToken', ZTokenView.extend({ token: z.string() }));
