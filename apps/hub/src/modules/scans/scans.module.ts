import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ChecksModule } from '../checks/checks.module';
import { SourcesModule } from '../sources/sources.module';
import { ScanOrchestrator } from './scan-orchestrator.service';
import { ScanScheduler } from './scan-scheduler.service';
import { ScansController } from './scans.controller';

/** Scans as jobs on the shared queue, and the cron triggers that start them. */
@Module({
  imports: [ScheduleModule.forRoot(), ChecksModule, SourcesModule],
  controllers: [ScansController],
  providers: [ScanOrchestrator, ScanScheduler],
  exports: [ScanOrchestrator, ScanScheduler],
})
export class ScansModule {}
