import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { ProjectsModule } from '../projects/projects.module';
import { DisputesController } from './disputes.controller';
import { DisputesService } from './disputes.service';

@Module({
  imports: [ChecksModule, ProjectsModule],
  controllers: [DisputesController],
  providers: [DisputesService],
  exports: [DisputesService],
})
export class DisputesModule {}
