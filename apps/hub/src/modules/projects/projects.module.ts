import { Module } from '@nestjs/common';
import { FindingsRepository } from '../checks/findings.repository';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';

@Module({
  controllers: [ProjectsController],
  providers: [ProjectsRepository, FindingsRepository],
  exports: [ProjectsRepository],
})
export class ProjectsModule {}
