import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule, type CoreOptions } from './infra/core.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BindingsModule } from './modules/bindings/bindings.module';
import { ChecksModule } from './modules/checks/checks.module';
import { DisputesModule } from './modules/disputes/disputes.module';
import { ExemptionsModule } from './modules/exemptions/exemptions.module';
import { HistoryModule } from './modules/history/history.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PackVersionsModule } from './modules/pack-versions/pack-versions.module';
import { ScansModule } from './modules/scans/scans.module';
import { ReviewsModule } from './modules/reviews/reviews.module';
import { HealthModule } from './modules/health/health.module';
import { PacksModule } from './modules/packs/packs.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { RegistryModule } from './modules/registry/registry.module';
import { SourcesModule } from './modules/sources/sources.module';

@Module({})
export class AppModule {
  static register(core: CoreOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(core),
        AuditModule,
        AuthModule,
        ProjectsModule,
        SourcesModule,
        RegistryModule,
        ChecksModule,
        HistoryModule,
        ExemptionsModule,
        DisputesModule,
        ReviewsModule,
        PackVersionsModule,
        ScansModule,
        BindingsModule,
        PacksModule,
        HealthModule,
        AlertsModule,
        NotificationsModule,
      ],
    };
  }
}
