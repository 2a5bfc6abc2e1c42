import type { SourceId } from '@hub/contracts';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { describeZodError, type FaultController, ZFaultSettingsPatch } from './faults';

/** Path prefix of the sandbox's own endpoints on every source server; faults never apply to it. */
export const CONTROL_PREFIX = '/__sandbox';

/**
 * `GET /__sandbox/health`, `GET /__sandbox/faults` and `PUT /__sandbox/faults` of one source server.
 * These answer in plain JSON, not in the upstream's envelope: they belong to the sandbox, not to the
 * simulated system.
 */
export function controlRouter(
  source: SourceId,
  controller: FaultController,
  health: () => Record<string, unknown>,
): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', source, faults: controller.get(source), ...health() });
  });
  router.get('/faults', (_req, res) => {
    res.json({ source, ...controller.get(source) });
  });
  router.put('/faults', express.json({ limit: '16kb', strict: false }), (req, res) => {
    if (req.body === undefined) {
      res.status(400).json({
        error:
          '请求体应为 JSON 对象（Content-Type: application/json） / ' +
          'the body must be a JSON object sent with Content-Type: application/json',
      });
      return;
    }
    const parsed = ZFaultSettingsPatch.safeParse(req.body);
    if (!parsed.success) {
      const detail = describeZodError(parsed.error);
      res.status(400).json({ error: `故障设置无效 / invalid fault settings: ${detail}` });
      return;
    }
    res.json({ source, ...controller.update(source, parsed.data) });
  });
  // body-parser reports malformed JSON, an oversized body or an unknown charset as 4xx errors.
  const unreadableBody: ErrorRequestHandler = (err: unknown, _req, res, next) => {
    const status = clientErrorStatus(err);
    if (status === undefined) return next(err);
    const detail = err instanceof Error ? err.message : String(err);
    res.status(status).json({ error: `请求体无法解析 / the body could not be read: ${detail}` });
  };
  router.use(unreadableBody);
  return router;
}

function clientErrorStatus(err: unknown): number | undefined {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
