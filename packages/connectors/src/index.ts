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
  ConnectorDeps,
  ConnectorLogger,
  PageSink,
  RecordKindSpec,
  RecordProblem,
  SyncOutcome,
  SyncPage,
  SyncRequest,
  TargetScope,
  UpstreamRecord,
} from './framework/connector';
export { canonicalJson, contentHash } from './framework/content-hash';
export { evidenceFor } from './framework/evidence';
export { runPagedSync, type EmitPage, type PagedSyncRun } from './framework/paged-sync';
export {
  formatPath,
  validateItems,
  type ItemValidation,
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
export {
  UPSTREAM_ERROR_CODES,
  UpstreamError,
  bodySnippet,
  parseRetryAfter,
  type HttpResponseLike,
  type UpstreamErrorCode,
  type UpstreamErrorInit,
} from './framework/upstream-error';

export { GovCloudClient, type GovCloudClientOptions } from './gov-cloud/gov-cloud.client';
export { ZGovCloudConfig, type GovCloudConfig } from './gov-cloud/gov-cloud.config';
export { govCloudConnector } from './gov-cloud/gov-cloud.connector';
export { govCloudEnvelopeError, unwrapGovCloudEnvelope } from './gov-cloud/gov-cloud.envelope';
export {
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

export { CONNECTORS, getConnector } from './registry';
