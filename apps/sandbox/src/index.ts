/**
 * @hub/sandbox: simulators of the city's upstream systems (one HTTP server per system, each with its
 * contract's auth, paging and envelope), a fault-injection layer with a run-time control endpoint, and
 * the demo-city generator. `main.ts` is the CLI on top of these.
 */
export * from './framework/sandbox';
export * from './framework/faults';
export * from './framework/sandbox-error';
export * from './framework/sandbox-module';
export { CONTROL_PREFIX } from './framework/control.router';
export * from './modules/modules.registry';
export * from './modules/gov-cloud/gov-cloud.module';
export * from './modules/gov-cloud/gov-cloud.credentials';
export * from './modules/data-exchange/data-exchange.module';
export * from './modules/data-exchange/data-exchange.credentials';
export { TokenStore, type TokenState } from './modules/data-exchange/data-exchange.tokens';
export * from './modules/mlps/mlps.module';
export * from './modules/mlps/mlps.credentials';
export { beijingHour, inBeijingHourWindow, type BeijingHourWindow } from './modules/mlps/mlps.schedule';
export * from './modules/video/video.module';
export * from './modules/video/video.credentials';
export * from './modules/service-platforms/service-platforms.module';
export * from './modules/service-platforms/service-platforms.credentials';
export {
  NonceStore,
  verifyGovCloudRequest,
  type GovCloudAuthFailure,
  type GovCloudAuthOptions,
} from './modules/gov-cloud/gov-cloud.auth';
export * from './demo/demo-city.generator';
export { SYSTEM_THEMES, type DemoPackId, type SystemTheme } from './demo/demo-catalogue';
export {
  baselinePlan,
  compliantExchange,
  compliantFiling,
  compliantResources,
  compliantVideo,
  withoutServices,
  type ProjectPlan,
  type RecordBreak,
  type RegistryPlan,
} from './demo/demo-plan';
export * from './demo/demo-invalid';
export * from './demo/demo-city.writer';
export {
  DEMO_RULE_IDS,
  DESIGNED_SCENARIOS,
  type DesignedScenario,
  type DesignedVerdict,
  type PurchaseMode,
  type ResourcePlan,
} from './demo/demo-scenarios';
export { runCli, EXIT_USAGE, type CliIo } from './cli/cli';
