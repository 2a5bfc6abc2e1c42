import type { SourceId, TSandboxDataset } from '@hub/contracts';
import type { Request, Response, Router } from 'express';
import type { Logger } from 'pino';

/** Credentials the simulators accept; one optional entry per upstream system that authenticates. */
export interface SandboxCredentials {
  /** AK/SK pair of the gov-cloud signature scheme */
  govCloud?: { accessKey: string; secretKey: string };
  /** OAuth2 client credentials of the data exchange platform, and how long its tokens live */
  dataExchange?: { clientId: string; clientSecret: string; tokenTtlSeconds?: number };
  /**
   * static X-Api-Token of the MLPS filing registry; its slowness (a base latency per answer) and a
   * nightly maintenance window (Beijing hours, e.g. 2 to 4) are off unless given
   */
  mlps?: { token: string; baseLatencyMs?: number; nightlyMaintenance?: { fromHour: number; toHour: number } };
  /** bearer token of the video sharing platform */
  video?: { token: string };
  /** X-App-Key / X-App-Secret of the service-platform gateway */
  servicePlatforms?: { appKey: string; appSecret: string };
}

/** What a module gets to build its server: the records to serve and every edge it may need to swap. */
export interface SandboxModuleContext {
  dataset: TSandboxDataset;
  logger: Logger;
  /** credentials as given to `startSandbox`; a module falls back to its demo credentials */
  credentials: SandboxCredentials;
  /** epoch milliseconds; injectable so that time-window checks can be tested */
  clock: () => number;
  /** uniform in [0, 1); injectable so that fault draws are deterministic in tests */
  random: () => number;
}

/**
 * How each fault kind looks in one upstream's contract: gov-cloud signals a rate limit with HTTP 200
 * and code 42900, a REST API might send 429 with Retry-After. The framework decides *when* a fault
 * fires; the module decides *what* the client sees.
 */
export interface FaultResponses {
  /** the answer when the upstream throttles the caller */
  rateLimited(req: Request, res: Response): void;
  /** the answer to a server-side failure; `random` lets a module pick among several shapes */
  internalError(req: Request, res: Response, random: () => number): void;
  /** the answer while the upstream is down for maintenance */
  maintenance(req: Request, res: Response): void;
}

/** A running module: its router and the pieces the framework wires around it. */
export interface SandboxModuleInstance {
  /** the upstream's API, mounted at `/` */
  router: Router;
  faults: FaultResponses;
  /** the answer to a path the API does not have */
  notFound(req: Request, res: Response): void;
  /** record counts and the like, shown by `GET /__sandbox/health` */
  health(): Record<string, unknown>;
  /** the credentials a client must use, by name (e.g. accessKey, secretKey), printed by the CLI at start */
  credentials: Record<string, string>;
}

/**
 * One simulated upstream system. Adding a system is one folder under `src/modules/` exporting one of
 * these and one line in `SANDBOX_MODULES`.
 */
export interface SandboxModule {
  source: SourceId;
  /** human-readable name for logs and the start banner */
  title: string;
  /** the port the server listens on when `startSandbox` is given none for this source */
  defaultPort: number;
  create(ctx: SandboxModuleContext): SandboxModuleInstance;
}
