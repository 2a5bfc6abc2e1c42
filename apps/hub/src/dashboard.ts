import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { Logger } from 'pino';

/** Where the dashboard's production build lives (apps/web/dist), or null when it was never built. */
export function dashboardDir(): string | null {
  try {
    const dir = path.join(path.dirname(require.resolve('@hub/web/package.json')), 'dist');
    return existsSync(path.join(dir, 'index.html')) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * The dashboard at `/`: hashed assets cached for a year and sent as the build precompressed them
 * (`.br`, else `.gz`, as the browser's Accept-Encoding allows; `Vary: Accept-Encoding`), every other
 * non-API GET answered with index.html (never cached) so the browser's router can take over deep
 * links such as /projects/XM-001 and show its own 404 for a path it does not know. The API and
 * /health (/health/ready) are untouched; their paths never fall back to the page.
 */
export function serveDashboard(
  app: NestExpressApplication,
  logger: Logger,
  dir: string | null = dashboardDir(),
): boolean {
  if (!dir) {
    logger.warn('dashboard not built (apps/web/dist missing): serving the API only');
    return false;
  }
  app.use(
    '/assets',
    expressStaticGzip(path.join(dir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { immutable: true, maxAge: '365d' },
    }),
  );
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  const index = path.join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

function isApiPath(p: string): boolean {
  return (
    p === '/api' ||
    p.startsWith('/api/') ||
    p === '/health' ||
    p.startsWith('/health/') ||
    p.startsWith('/assets/')
  );
}
