import { Module } from '@nestjs/common';
import { PackVersionsService } from './pack-versions.service';
import { PacksController } from './packs.controller';

@Module({ controllers: [PacksController], providers: [PackVersionsService], exports: [PackVersionsService] })
export class PacksModule {}
