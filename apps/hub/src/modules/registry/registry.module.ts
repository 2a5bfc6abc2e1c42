import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { SourcesModule } from '../sources/sources.module';
import { RegistryController } from './registry.controller';
import { RegistryImportService } from './registry-import.service';

@Module({
  imports: [ProjectsModule, SourcesModule],
  controllers: [RegistryController],
  providers: [RegistryImportService],
  exports: [RegistryImportService],
})
export class RegistryModule {}
