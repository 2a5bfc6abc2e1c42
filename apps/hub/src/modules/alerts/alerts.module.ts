import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { PacksModule } from '../packs/packs.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { MonitorRecords } from './monitor.records';

/** Continuous monitoring: the MON-* rules, the alerts they raise, and operators' handling of them. */
@Module({
  imports: [ChecksModule, PacksModule],
  controllers: [AlertsController],
  providers: [AlertsService, MonitorRecords],
  exports: [AlertsService],
})
export class AlertsModule {}
