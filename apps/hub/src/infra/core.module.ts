import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HubEnv } from '../config/env';
import { Clock } from './clock';
import { HostResolver, SystemHostResolver } from './host-resolver';
import { PrismaService } from './database/prisma.service';
import { JobQueue } from './jobs/job-queue';
import { Lifecycle } from './lifecycle';
import { DATABASE_URL, HUB_ENV, LOGGER } from './tokens';

export { DATABASE_URL, HUB_ENV, LOGGER } from './tokens';

export interface CoreOptions {
  env: HubEnv;
  databaseUrl: string;
  logger: Logger;
  clock: Clock;
  /** where host names lead; the system resolver unless a test says otherwise */
  resolver?: HostResolver;
}

/** The process's edges — configuration, logger, clock, name resolution, database — as providers a test can swap. */
@Global()
@Module({})
export class CoreModule {
  static register(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: HUB_ENV, useValue: options.env },
        { provide: LOGGER, useValue: options.logger },
        { provide: Clock, useValue: options.clock },
        { provide: HostResolver, useValue: options.resolver ?? new SystemHostResolver() },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: PrismaService, useFactory: () => new PrismaService(options.databaseUrl) },
        Lifecycle,
        JobQueue,
      ],
      exports: [HUB_ENV, LOGGER, Clock, HostResolver, PrismaService, DATABASE_URL, Lifecycle, JobQueue],
    };
  }
}
