import { Module } from '@nestjs/common';
import { ExemptionsRepository } from './exemptions.repository';

@Module({ providers: [ExemptionsRepository], exports: [ExemptionsRepository] })
export class ExemptionsModule {}
