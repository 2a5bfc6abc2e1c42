import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HubEnv } from '../config/env';
import { Clock } from './clock';
import { PrismaService } from './database/prisma.service';

/** Injection tokens for the edges that are plain values. */
export const HUB_ENV = Symbol('HUB_ENV');
export const LOGGER = Symbol('LOGGER');

export interface CoreOptions {
  env: HubEnv;
  databaseUrl: string;
  logger: Logger;
  clock: Clock;
}

/** The process's edges — configuration, logger, clock, database — as providers a test can swap. */
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
        { provide: PrismaService, useFactory: () => new PrismaService(options.databaseUrl) },
      ],
      exports: [HUB_ENV, LOGGER, Clock, PrismaService],
    };
  }
}
