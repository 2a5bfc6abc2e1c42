import { ZSandboxDataset } from '@hub/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceId, TSandboxDataset } from '@hub/contracts';
import express, { type ErrorRequestHandler } from 'express';
import { type Logger, pino } from 'pino';
import { SANDBOX_MODULES } from '../modules/modules.registry';
import { CONTROL_PREFIX, controlRouter } from './control.router';
import { faultMiddleware } from './fault.middleware';
import { FaultController, type FaultSpec } from './faults';
import { SandboxUsageError } from './sandbox-error';
import type {
  SandboxCredentials,
  SandboxModule,
  SandboxModuleContext,
  SandboxModuleInstance,
} from './sandbox-module';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** the records every simulator serves */
  dataset: TSandboxDataset;
  /** interface to listen on; defaults to 127.0.0.1 so a demo never exposes itself */
  host?: string;
  /** port per source; 0 picks a free port; a source without one uses its module's default (gov-cloud 4101) */
  ports?: Partial<Record<SourceId, number>>;
  /** faults in force from the start; change them later through `faults` or the control endpoint */
  faults?: FaultSpec[];
  /** English logs; silent when omitted */
  logger?: Logger;
  /** credentials the simulators accept; each module falls back to its demo credentials */
  credentials?: SandboxCredentials;
  /** uniform in [0, 1); defaults to Math.random, inject a sequence to make fault draws deterministic */
  random?: () => number;
  /** epoch milliseconds; defaults to Date.now (signature timestamps are checked against it) */
  clock?: () => number;
  /** which simulators to run; defaults to every implemented one */
  modules?: readonly SandboxModule[];
}

/** A running sandbox. */
export interface RunningSandbox {
  /** base URL of each running simulator, e.g. `{ 'gov-cloud': 'http://127.0.0.1:4101' }` */
  urls: Partial<Record<SourceId, string>>;
  /** change faults at run time */
  faults: FaultController;
  /** the credentials each simulator accepts, as the CLI prints them */
  credentials: Partial<Record<SourceId, Record<string, string>>>;
  /** closes every server and its open connections */
  stop(): Promise<void>;
}

interface StartedServer {
  source: SourceId;
  server: Server;
  timers: Set<NodeJS.Timeout>;
}

/**
 * Starts one HTTP server per implemented upstream system, each serving `dataset` in its contract's
 * shape, with the sandbox's control endpoints under `/__sandbox` and the given faults applied.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? pino({ level: 'silent' });
  const random = options.random ?? Math.random;
  const clock = options.clock ?? Date.now;
  const modules = options.modules ?? SANDBOX_MODULES;
  const controller = new FaultController(options.faults ?? []);
  // Parsing fills the defaults of systems a dataset leaves out (records stay as they are).
  const dataset = ZSandboxDataset.parse(options.dataset);
  const ctxBase = { dataset, credentials: options.credentials ?? {}, clock, random };

  const running = new Set(modules.map((m) => m.source));
  for (const spec of options.faults ?? []) {
    if (!running.has(spec.source)) {
      logger.warn({ source: spec.source, kind: spec.kind }, 'fault given for a source that is not simulated');
    }
  }

  const started: StartedServer[] = [];
  const urls: Partial<Record<SourceId, string>> = {};
  const credentials: Partial<Record<SourceId, Record<string, string>>> = {};
  try {
    for (const simulator of modules) {
      const ctx: SandboxModuleContext = { ...ctxBase, logger: logger.child({ source: simulator.source }) };
      const instance = simulator.create(ctx);
      const timers = new Set<NodeJS.Timeout>();
      const server = createServer(buildApp(simulator.source, instance, ctx, controller, timers));
      started.push({ source: simulator.source, server, timers });
      const port = await listen(
        server,
        options.ports?.[simulator.source] ?? simulator.defaultPort,
        host,
        simulator,
      );
      urls[simulator.source] = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      credentials[simulator.source] = instance.credentials;
      logger.info({ source: simulator.source, url: urls[simulator.source] }, `${simulator.title} listening`);
    }
  } catch (error) {
    await closeAll(started);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    urls,
    faults: controller,
    credentials,
    stop() {
      stopping ??= closeAll(started).then(() => logger.info('sandbox stopped'));
      return stopping;
    },
  };
}

function buildApp(
  source: SourceId,
  instance: SandboxModuleInstance,
  ctx: SandboxModuleContext,
  controller: FaultController,
  timers: Set<NodeJS.Timeout>,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Conditional GETs would let a client see 304s that no upstream sends.
  app.set('etag', false);
  app.use((req, res, next) => {
    const startedAt = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
      ctx.logger.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms }, 'request');
    });
    next();
  });
  app.use(
    CONTROL_PREFIX,
    controlRouter(source, controller, () => instance.health()),
  );
  app.use(faultMiddleware({ source, controller, responses: instance.faults, random: ctx.random, timers }));
  app.use(instance.router);
  app.use((req, res) => instance.notFound(req, res));
  const onError: ErrorRequestHandler = (err: unknown, req, res, next) => {
    ctx.logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error in simulator');
    if (res.headersSent) return next(err);
    res.status(500).type('text/plain').send('sandbox error');
  };
  app.use(onError);
  return app;
}

function listen(server: Server, port: number, host: string, simulator: SandboxModule): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL'
          ? new SandboxUsageError(
              `${simulator.source} 模拟器无法监听 ${where}（${error.code}），请换一个端口`,
              `the ${simulator.source} simulator cannot listen on ${where} (${error.code}); choose another port`,
            )
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function closeAll(started: readonly StartedServer[]): Promise<void> {
  await Promise.all(
    started.map(({ server, timers }) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!server.listening) return Promise.resolve();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets (fetch keeps them) would hold close() open until they time out.
      server.closeAllConnections();
      return closed;
    }),
  );
}
