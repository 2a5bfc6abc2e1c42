import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { BindingsAdminService } from './bindings-admin.service';
import { BindingsController } from './bindings.controller';

@Module({
  imports: [ChecksModule],
  controllers: [BindingsController],
  providers: [BindingsAdminService],
  exports: [BindingsAdminService],
})
export class BindingsModule {}
