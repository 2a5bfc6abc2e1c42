import { Module } from '@nestjs/common';
import { FindingsRepository } from '../checks/findings.repository';
import { EvidenceService } from './evidence.service';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';

@Module({
  controllers: [ProjectsController],
  providers: [ProjectsRepository, FindingsRepository, EvidenceService],
  exports: [ProjectsRepository],
})
export class ProjectsModule {}
