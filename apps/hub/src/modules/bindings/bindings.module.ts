import { Module } from '@nestjs/common';
import { BindingsAdminService } from './bindings-admin.service';
import { BindingsController } from './bindings.controller';

@Module({
  controllers: [BindingsController],
  providers: [BindingsAdminService],
  exports: [BindingsAdminService],
})
export class BindingsModule {}
