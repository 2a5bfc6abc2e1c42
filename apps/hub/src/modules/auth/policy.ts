import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  RequestMethod,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Permission, Principal } from './roles';

export const POLICY_KEY = 'hub:policy';

/** A route's access policy: open to anyone, or open to roles holding one permission. */
export type RoutePolicy = { kind: 'public' } | { kind: 'permission'; permission: Permission };

/** Anyone may call the route, signed in or not (health, sign-in). */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);

/** Callers whose role holds `permission` may call the route; everyone else gets 401/403. */
export const Allow = (permission: Permission) =>
  applyDecorators(
    SetMetadata(POLICY_KEY, { kind: 'permission', permission } satisfies RoutePolicy),
    ApiBearerAuth(),
    ApiCookieAuth(),
  );

export const MULTIPART_KEY = 'hub:multipart';

/**
 * The route takes a multipart/form-data upload (the registry workbook) instead of JSON. A
 * browser's signed-in call still needs a same-origin `Origin`.
 */
export const MultipartUpload = () => SetMetadata(MULTIPART_KEY, true);

/** Limits how often one client address may call the route (sign-in, token issuing). */
export const RateLimited = () => UseGuards(ThrottlerGuard);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The authenticated caller, as the guard established it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without an authenticated policy');
  return principal;
});

export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  policy: RoutePolicy | null;
}

function joinPath(...parts: string[]): string {
  return (
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/')
  );
}

/** Every HTTP route of the application with its declared policy: the authorization matrix's rows. */
export function routeTable(discovery: DiscoveryService, reflector: Reflector): RouteEntry[] {
  const scanner = new MetadataScanner();
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
    if (!type) continue;
    const base = (Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(type.prototype as object)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, [handler, type]);
      for (const b of [base].flat()) {
        for (const s of [sub].flat()) {
          routes.push({
            method,
            path: joinPath(b, s),
            controller: type.name,
            handler: name,
            policy: policy ?? null,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
