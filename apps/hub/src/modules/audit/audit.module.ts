import { Global, Module } from '@nestjs/common';
import { NotifyHttp } from '../notifications/channels/notify-http';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditCheckpointSinks } from './audit-checkpoint.sinks';
import { AuditCheckpointStore } from './audit-checkpoint.store';
import { AuditKeyStore } from './audit-key.store';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global: every module that changes state records it here. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditKeyStore,
    AuditCheckpointStore,
    AuditCheckpointSinks,
    AuditCheckpointService,
    NotifyHttp,
  ],
  exports: [AuditService, AuditCheckpointService],
})
export class AuditModule {}
