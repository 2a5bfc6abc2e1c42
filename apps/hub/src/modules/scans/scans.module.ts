import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from '../alerts/alerts.module';
import { ChecksModule } from '../checks/checks.module';
import { HistoryModule } from '../history/history.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SourcesModule } from '../sources/sources.module';
import { ScanOrchestrator } from './scan-orchestrator.service';
import { ScanScheduler } from './scan-scheduler.service';
import { ScansController } from './scans.controller';
import { ScanWiring } from './scan-wiring.service';

/** Scans as jobs on the shared queue, and the cron triggers that start them. */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    ChecksModule,
    SourcesModule,
    AlertsModule,
    NotificationsModule,
    HistoryModule,
  ],
  controllers: [ScansController],
  providers: [ScanOrchestrator, ScanScheduler, ScanWiring],
  exports: [ScanOrchestrator, ScanScheduler, ScanWiring],
})
export class ScansModule {}
