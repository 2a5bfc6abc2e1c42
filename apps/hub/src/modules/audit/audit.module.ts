import { Global, Module } from '@nestjs/common';
import { NotifyHttpModule } from '../notifications/notify-http.module';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditCheckpointSinks } from './audit-checkpoint.sinks';
import { AuditCheckpointStore } from './audit-checkpoint.store';
import { AuditKeyStore } from './audit-key.store';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global: every module that changes state records it here. */
@Global()
@Module({
  imports: [NotifyHttpModule],
  controllers: [AuditController],
  providers: [
    AuditService,
    AuditKeyStore,
    AuditCheckpointStore,
    AuditCheckpointSinks,
    AuditCheckpointService,
  ],
  exports: [AuditService, AuditCheckpointService],
})
export class AuditModule {}
