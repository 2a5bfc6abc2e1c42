import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../apps/hub/src/infra/paths';
import type { Role } from '../apps/hub/src/modules/auth/roles';
import { UsersService } from '../apps/hub/src/modules/auth/users.service';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { buildDashboard, launchBrowser, recordPageErrors } from './support/browser';
import { DEMO_NOW, startTestHub, type TestHub } from './support/hub';

const SCREENSHOTS = path.join(repoRoot(), 'docs', 'screenshots');
const NEW_PASSWORD = 'correct-horse-battery-42';

/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the hub and
 * sandbox upstreams with the demo city: what a reviewer and a construction unit see and may do.
 */
describe('dashboard in the browser', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    buildDashboard();
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    await app.get(ChecksService).scan();
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  /** A new user's first sign-in: the one-time password, then the forced change to their own. */
  async function signIn(role: Role, options: { unitCode?: string; username: string }) {
    const { oneTimePassword } = await app
      .get(UsersService)
      .create(
        {
          username: options.username,
          displayName: options.username,
          role,
          unitCode: options.unitCode ?? null,
        },
        'test',
      );
    const context: BrowserContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page: Page = await context.newPage();
    const errors = recordPageErrors(page);
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('用户名').fill(options.username);
    await page.getByLabel('密码').fill(oneTimePassword!);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/password');
    await page.getByLabel('当前密码').fill(oneTimePassword!);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    return { context, page, errors };
  }

  it('signs a reviewer in, through the forced password change, to the overview', async () => {
    const { page, errors, context } = await signIn('reviewer', { username: 'wang.review' });
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-menu').textContent()).toContain('技术审查人员');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
