import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { HubEnv } from '../../config/env';
import { HUB_ENV } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CsrfGuard } from './csrf.guard';
import { OidcService } from './oidc.service';
import { SessionKeysRepository } from './session-keys.repository';
import { SessionKeysService } from './session-keys.service';
import { PostgresThrottlerStorage } from './rate-limit.storage';
import { SessionsService } from './sessions.service';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Who is calling (tokens, sessions, OIDC) and whether they may: the global default-deny guard. */
@Module({
  imports: [
    DiscoveryModule,
    // Only routes marked @RateLimited() use the throttler: sign-in, password change, token issuing.
    // Counted in PostgreSQL, so a client meets the same limit whichever replica answers it.
    ThrottlerModule.forRootAsync({
      inject: [HUB_ENV, PrismaService],
      useFactory: (env: HubEnv, prisma: PrismaService) => ({
        throttlers: [{ ttl: 60_000, limit: env.HUB_AUTH_RATE_LIMIT_PER_MINUTE }],
        storage: new PostgresThrottlerStorage(prisma),
      }),
    }),
  ],
  controllers: [AuthController, UsersController, TokensController],
  providers: [
    UsersService,
    TokensService,
    SessionKeysRepository,
    SessionKeysService,
    SessionsService,
    OidcService,
    // Global guards run in this order: a forged request is refused before anything authenticates it.
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, TokensService, SessionKeysService],
})
export class AuthModule {}
