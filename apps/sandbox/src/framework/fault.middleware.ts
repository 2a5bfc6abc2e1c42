import type { SourceId } from '@hub/contracts';
import type { RequestHandler } from 'express';
import type { FaultController } from './faults';
import type { FaultResponses } from './sandbox-module';

/** What {@link faultMiddleware} needs for one source server. */
export interface FaultMiddlewareOptions {
  source: SourceId;
  controller: FaultController;
  responses: FaultResponses;
  random: () => number;
  /** pending latency timers, cleared by `stop()` so that shutting down never waits for a delay */
  timers: Set<NodeJS.Timeout>;
}

/**
 * Applies the source's current faults to one request, in the order a client would meet them in a real
 * deployment: the delay first, then maintenance (the whole system is down), then throttling at the
 * gateway, then a failure inside the service. A probability of 0 draws no random number, so a test that
 * injects a sequence only has to account for the faults it switched on.
 */
export function faultMiddleware(opts: FaultMiddlewareOptions): RequestHandler {
  return async (req, res, next) => {
    const faults = opts.controller.get(opts.source);
    if (faults.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          opts.timers.delete(timer);
          resolve();
        }, faults.latencyMs);
        opts.timers.add(timer);
      });
      if (res.destroyed || res.headersSent) return;
    }
    if (faults.maintenance) return opts.responses.maintenance(req, res);
    if (faults.rateLimitRate > 0 && opts.random() < faults.rateLimitRate) {
      return opts.responses.rateLimited(req, res);
    }
    if (faults.errorRate > 0 && opts.random() < faults.errorRate) {
      return opts.responses.internalError(req, res, opts.random);
    }
    next();
  };
}
