import type { SandboxModule } from '../framework/sandbox-module';
import { govCloudModule } from './gov-cloud/gov-cloud.module';

/**
 * The simulated upstream systems, one line each. Still to come, each as one folder beside gov-cloud:
 * data-exchange (4102), mlps (4103), video (4104), service-platforms (4105).
 */
export const SANDBOX_MODULES: readonly SandboxModule[] = [govCloudModule];
