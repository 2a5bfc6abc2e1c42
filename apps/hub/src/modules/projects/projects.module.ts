import { Module } from '@nestjs/common';
import { FindingsRepository } from '../checks/findings.repository';
import { JudgementsRepository } from '../checks/judgements.repository';
import { EvidenceService } from './evidence.service';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';

@Module({
  controllers: [ProjectsController],
  providers: [ProjectsRepository, FindingsRepository, JudgementsRepository, EvidenceService],
  exports: [ProjectsRepository, JudgementsRepository],
})
export class ProjectsModule {}
