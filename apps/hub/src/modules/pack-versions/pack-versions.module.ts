import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { PacksModule } from '../packs/packs.module';
import { PackImpactService } from './pack-impact.service';
import { PackVersionsController } from './pack-versions.controller';

/** Publishing pack versions, pinning them, and previewing a draft's impact on verdicts. */
@Module({
  imports: [PacksModule, ChecksModule],
  controllers: [PackVersionsController],
  providers: [PackImpactService],
  exports: [PackImpactService],
})
export class PackVersionsModule {}
