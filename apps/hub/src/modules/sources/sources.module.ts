import { Module } from '@nestjs/common';
import { SourcesStatusService } from './sources-status';
import { BindingsService } from './bindings.service';
import { ConnectorClients } from './connector-clients';
import { RecordsRepository } from './records.repository';
import { SourcesController } from './sources.controller';
import { SyncService } from './sync.service';

@Module({
  controllers: [SourcesController],
  providers: [ConnectorClients, RecordsRepository, SyncService, BindingsService, SourcesStatusService],
  exports: [SyncService, BindingsService, ConnectorClients, SourcesStatusService],
})
export class SourcesModule {}
