import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { HealthController } from './health.controller';

@Module({ imports: [SourcesModule], controllers: [HealthController] })
export class HealthModule {}
