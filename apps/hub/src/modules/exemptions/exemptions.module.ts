import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ExemptionsController } from './exemptions.controller';
import { ExemptionsRepository } from './exemptions.repository';
import { ExemptionsService } from './exemptions.service';

@Module({
  imports: [ProjectsModule],
  controllers: [ExemptionsController],
  providers: [ExemptionsRepository, ExemptionsService],
  exports: [ExemptionsRepository, ExemptionsService],
})
export class ExemptionsModule {}
