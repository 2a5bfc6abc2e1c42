import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../apps/hub/src/infra/paths';

/** Debian's Chromium (`.ci/run` installs it through apt when absent); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The dashboard's production build (turbo caches it), which the hub serves at `/`. */
export function buildDashboard(): void {
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@hub/web', '--output-logs=errors-only'], {
    cwd: repoRoot(),
    stdio: 'ignore',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}

/**
 * Headless Chromium as root on a closed network: no sandbox (root), and none of the background
 * connections (updates, sync, Google lookups) that this network refuses.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Browser console errors, uncaught exceptions and server errors, so a test can show why a screen stayed empty. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused request (401 before sign-in, 403/404 for another unit) is the browser's own log
    // line; the API's answers are judged by the responses below, 5xx only.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}
