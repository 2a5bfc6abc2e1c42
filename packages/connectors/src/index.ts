/**
 * `@hub/connectors`: the framework every upstream connector is built on (typed upstream errors, a
 * resilient HTTP executor with retries and a circuit breaker, record validation, content hashes)
 * and the connectors themselves, registered in {@link CONNECTORS}.
 *
 * @packageDocumentation
 */

export type {
  CircuitStateName,
  ConnectorClient,
  ConnectorDefinition,
  ConnectorSettings,
  ConnectorSettingsShape,
  ConnectorDeps,
  ConnectorLogger,
  PageSink,
  RecordIndex,
  RecordInvalidity,
  RecordKindSpec,
  RecoveryOutcome,
  RecoveryTarget,
  ListPaging,
  SyncPaging,
  RecordProblem,
  SyncOutcome,
  SyncPage,
  SyncRequest,
  TargetScope,
  UpstreamRecord,
} from './framework/connector';
export { defineConnector } from './framework/connector';
export type { SourceRef } from './framework/source-ref';
export {
  envKey,
  envShapeOf,
  secretConfigFields,
  secretEnvKeys,
  settingsFromEnv,
  syncCronKey,
} from './framework/connector-settings';
export { canonicalJson, contentHash } from './framework/content-hash';
export { readingsOf } from './framework/untrusted-readings';
export { evidenceFor } from './framework/evidence';
export {
  pagesOf,
  runPagedSync,
  type EmitPage,
  type PagePosition,
  type PagedSyncRun,
} from './framework/paged-sync';
export { coveredWhen, runRecovery, type RecoveryQuery } from './framework/recovery';
export {
  formatPath,
  readLeniently,
  validateItems,
  valueAt,
  type ItemValidation,
  type LenientIndexFields,
  type ValidatedItems,
  type ValidItem,
} from './framework/record-validation';
export {
  ResilientHttp,
  resilienceConfigShape,
  type AttemptContext,
  type JsonResponse,
  type ResilienceSettings,
  type ResilientHttpOptions,
} from './framework/resilient-http';
export { RESILIENCE_SETTINGS, resilienceFromSettings } from './framework/resilience-settings';
export { BaseUrlScope } from './framework/base-url';
export {
  UPSTREAM_ERROR_CODES,
  UpstreamError,
  bodySnippet,
  parseRetryAfter,
  redactCredentials,
  type HttpResponseLike,
  type UpstreamErrorCode,
  type UpstreamErrorInit,
} from './framework/upstream-error';

export { GovCloudClient, type GovCloudClientOptions } from './gov-cloud/gov-cloud.client';
export { ZGovCloudConfig, type GovCloudConfig } from './gov-cloud/gov-cloud.config';
export { govCloudConnector } from './gov-cloud/gov-cloud.connector';
export { govCloudEnvelopeError, unwrapGovCloudEnvelope } from './gov-cloud/gov-cloud.envelope';
export {
  GOV_CLOUD_KIND_TITLES,
  GOV_CLOUD_KINDS,
  resourceRecord,
  tenantRecord,
  toCloudResourceFact,
  toCloudTenantFact,
} from './gov-cloud/gov-cloud.mapper';
export {
  buildPathWithQuery,
  signGovCloudRequest,
  type GovCloudAuthHeaders,
  type GovCloudSigningInput,
} from './gov-cloud/gov-cloud.signer';

export { CONNECTORS, getConnector, type RegisteredConnector } from './registry';
export { SOURCE_IDS, SOURCE_TITLES, emptyRecords, isSourceId, sourceRef, sourceTitle } from './catalogue';
export { DataExchangeClient, type DataExchangeClientOptions } from './data-exchange/data-exchange.client';
export { ZDataExchangeConfig, type DataExchangeConfig } from './data-exchange/data-exchange.config';
export { dataExchangeConnector } from './data-exchange/data-exchange.connector';
export {
  dataExchangeError,
  dataExchangeErrorFromResponse,
  isTokenRejection,
  unwrapDataExchangeEnvelope,
  type DataExchangeFailure,
} from './data-exchange/data-exchange.envelope';
export {
  DATA_EXCHANGE_KIND_TITLES,
  DATA_EXCHANGE_KINDS,
  catalogEntryRecord,
  statsExternalId,
  statsRecord,
  systemRecord,
  toCatalogEntryFact,
  toExchangeStatsFact,
  toExchangeSystemFact,
} from './data-exchange/data-exchange.mapper';
export { DataExchangeTokenSource, type TokenSourceOptions } from './data-exchange/data-exchange.token';
export { VideoClient, type VideoClientOptions } from './video/video.client';
export { ZVideoConfig, videoDefaultCityDivisionCodes, type VideoConfig } from './video/video.config';
export { videoConnector } from './video/video.connector';
export { unwrapVideoEnvelope, videoAuthError, videoEnvelopeError } from './video/video.envelope';
export {
  VIDEO_KIND_TITLES,
  VIDEO_KINDS,
  deviceRecord,
  platformRecord,
  toVideoDeviceFact,
  toVideoPlatformFact,
} from './video/video.mapper';
export {
  CityDivisions,
  OUTSIDE_CITY_REASON,
  devicePage,
  platformPage,
  type VideoPageResult,
} from './video/video.records';
export {
  ServicePlatformsClient,
  type ServicePlatformsClientOptions,
} from './service-platforms/service-platforms.client';
export {
  ZServicePlatformsConfig,
  type ServicePlatformsConfig,
} from './service-platforms/service-platforms.config';
export { servicePlatformsConnector } from './service-platforms/service-platforms.connector';
export {
  servicePlatformsEnvelopeError,
  servicePlatformsHttpError,
  unwrapServicePlatformsEnvelope,
  type ServicePlatformsEnvelopeErrorContext,
} from './service-platforms/service-platforms.envelope';
export {
  SERVICE_PLATFORMS_KIND_TITLES,
  SERVICE_PLATFORMS_KINDS,
  hubApplicationRecord,
  mobileServiceRecord,
  toHubApplicationFact,
  toMobileServiceFact,
  toYwtbSystemFact,
  ywtbSystemRecord,
} from './service-platforms/service-platforms.mapper';
export { MlpsClient, MLPS_WATERMARK_OVERLAP_MS, type MlpsClientOptions } from './mlps/mlps.client';
export { ZMlpsConfig, type MlpsConfig } from './mlps/mlps.config';
export { mlpsConnector } from './mlps/mlps.connector';
export { htmlPageText, mlpsHttpError } from './mlps/mlps.http-error';
export { filingRecord, MLPS_KIND_TITLES, MLPS_KINDS, toFilingFact } from './mlps/mlps.mapper';
export { beijingTimeToInstant, instantToBeijingTime } from './mlps/mlps.time';
export { filingPage, type FilingPage } from './mlps/mlps.validation';
