import type { SourceId } from '@hub/contracts';
import type { SandboxModule } from '../framework/sandbox-module';
import { dataExchangeModule } from './data-exchange/data-exchange.module';
import { govCloudModule } from './gov-cloud/gov-cloud.module';
import { mlpsModule } from './mlps/mlps.module';
import { servicePlatformsModule } from './service-platforms/service-platforms.module';
import { videoModule } from './video/video.module';

/** The simulated upstream systems, one line each (ports 4101–4105 as the contracts give them). */
export const SANDBOX_MODULES: readonly SandboxModule[] = [
  govCloudModule,
  dataExchangeModule,
  mlpsModule,
  videoModule,
  servicePlatformsModule,
];

/** The sources the sandbox simulates: what fault flags and the control endpoint accept. */
export const SANDBOX_SOURCE_IDS: readonly SourceId[] = SANDBOX_MODULES.map((m) => m.source);
