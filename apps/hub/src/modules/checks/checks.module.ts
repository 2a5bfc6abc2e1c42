import { Module } from '@nestjs/common';
import { ExemptionsModule } from '../exemptions/exemptions.module';
import { PacksModule } from '../packs/packs.module';
import { ProjectsModule } from '../projects/projects.module';
import { SourcesModule } from '../sources/sources.module';
import { ChecksController } from './checks.controller';
import { ChecksService } from './checks.service';
import { FactsAssembler } from './facts.assembler';
import { FindingsRepository } from './findings.repository';

@Module({
  imports: [ProjectsModule, SourcesModule, PacksModule, ExemptionsModule],
  controllers: [ChecksController],
  providers: [ChecksService, FactsAssembler, FindingsRepository],
  exports: [ChecksService, FindingsRepository],
})
export class ChecksModule {}
