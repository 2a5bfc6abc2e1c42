import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { extractPdfText } from '@hub/reports/testing';
import { generateDemoCity } from '@hub/sandbox';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../apps/hub/src/infra/paths';
import type { Role } from '../apps/hub/src/modules/auth/roles';
import { AlertsService } from '../apps/hub/src/modules/alerts/alerts.service';
import { UsersService } from '../apps/hub/src/modules/auth/users.service';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { buildDashboard, launchBrowser, recordPageErrors } from './support/browser';
import { DEMO_NOW, startTestHub, type TestHub } from './support/hub';
import { layoutProblems, SCREEN_SIZES, tableRows } from './support/layout';

const SCREENSHOTS = path.join(repoRoot(), 'docs', 'screenshots');
const NEW_PASSWORD = 'correct-horse-battery-42';

/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the hub and
 * sandbox upstreams with the demo city: what a reviewer, an administrator and a construction unit see
 * and may do. Every screen is laid out and photographed at 1280×800 and 1440×900 (docs/screenshots).
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
    // The scan and the monitoring evaluation that follows it when scans run on the queue.
    const scan = await app.get(ChecksService).scan();
    await app.get(AlertsService).evaluate(scan.id);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  /**
   * A new user's first sign-in: the one-time password, then the forced change to their own. Every
   * script the page loads is recorded with the encoding it came in.
   */
  async function signIn(role: Role, options: { unitCode?: string; username: string; shootLogin?: boolean }) {
    const { oneTimePassword } = await app.get(UsersService).create(
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
      viewport: { ...SCREEN_SIZES[1] },
      acceptDownloads: true,
    });
    const page: Page = await context.newPage();
    const errors = recordPageErrors(page);
    const scripts = new Map<string, { encoding: string; bytes: number }>();
    page.on('response', (r) => {
      const { pathname } = new URL(r.url());
      if (!/^\/assets\/.+\.js$/.test(pathname)) return;
      const encoding = r.headers()['content-encoding'] ?? 'identity';
      void r.body().then(
        (body) => scripts.set(pathname, { encoding, bytes: body.length }),
        () => undefined,
      );
    });
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('用户名').waitFor();
    if (options.shootLogin) await shoot(page, 'login');
    await page.getByLabel('用户名').fill(options.username);
    await page.getByLabel('密码').fill(oneTimePassword!);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/password');
    await page.getByLabel('当前密码').fill(oneTimePassword!);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    return { context, page, errors, scripts };
  }

  /**
   * The screen in view at 1280×800, then at 1440×900 (where it is left): its layout checked (no page
   * margin, no sideways page scroll, no column title squeezed onto two lines, no fixed column over a
   * table that does not scroll), then photographed for docs/screenshots as `<name>-<width>.png` once
   * toasts have gone and drawers and charts stopped moving.
   */
  async function shoot(page: Page, name: string) {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(800);
      const where = `${name} at ${size.width}×${size.height}`;
      expect({ where, problems: await layoutProblems(page) }).toEqual({ where, problems: [] });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.width}.png`) });
    }
  }

  /**
   * A project the reviewer has work on: a failing finding and an upstream record only suggested
   * for it (matched by unit and system name, not by project code), so a person must confirm it.
   */
  async function projectWithSuggestion() {
    const pending = (await hub.http.get('/api/bindings?status=pending&pageSize=500').expect(200)).body as {
      items: { id: string; project: { code: string } }[];
    };
    for (const binding of pending.items) {
      const findings = (await hub.http.get(`/api/projects/${binding.project.code}/findings`).expect(200))
        .body as {
        findings: { ruleId: string; verdict: string }[];
      };
      // Failing: a FAIL, or an UNKNOWN that the suggestion leaves open, stands in the way of acceptance.
      const failing =
        findings.findings.find((f) => f.verdict === 'FAIL') ??
        findings.findings.find((f) => f.verdict === 'UNKNOWN');
      if (failing) return { code: binding.project.code, bindingId: binding.id, ruleId: failing.ruleId };
    }
    throw new Error('the demo city has no failing project with a suggested binding');
  }

  it('takes a reviewer from a failing project through evidence, a binding, a check and a decision to the PDF', async () => {
    const target = await projectWithSuggestion();
    const project = demo.projects.find((p) => p.code === target.code)!;
    const { page, errors, context, scripts } = await signIn('reviewer', { username: 'wang.review' });
    expect(await page.getByTestId('user-menu').textContent()).toContain('技术审查人员');
    await page.getByTestId('overview-readiness').waitFor();
    await page.getByTestId('overview-domain-chart').locator('svg').first().waitFor();
    await shoot(page, 'overview');

    // Find it among the failing projects.
    await page.getByRole('menuitem', { name: '项目' }).click();
    await page.waitForURL('**/projects');
    await page.getByTestId('projects-search').fill(project.name);
    await page.getByTestId('projects-search').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === project.name);
    const row = page.getByTestId('projects-table').getByRole('link', { name: target.code });
    await row.waitFor();
    await page.goto(`${baseUrl}/projects`);
    await page.getByTestId('projects-table').getByRole('row').nth(5).waitFor();
    // Divisions by name: the city's own code as 市本级, a county with its city.
    await page.getByTestId('projects-table').getByText('（市本级）').first().waitFor();
    expect(
      await page
        .getByTestId('projects-table')
        .getByText(/^4306\d\d$/)
        .count(),
    ).toBe(0);
    await shoot(page, 'projects');
    // One line a project, a screenful of them at 1440×900.
    const rows = await tableRows(page, 'projects-table');
    expect(rows.tallestLines).toBeLessThan(1.5);
    expect(rows.inView).toBeGreaterThanOrEqual(12);
    await page.goto(`${baseUrl}/projects?view=matrix&pack=yueyang`);
    await page.getByTestId('projects-matrix').locator('a').nth(10).waitFor();
    await shoot(page, 'compliance-matrix');
    await page.goto(`${baseUrl}/projects?q=${encodeURIComponent(project.name)}`);
    await page.getByTestId('projects-table').getByRole('link', { name: target.code }).click();
    await page.waitForURL(`**/projects/${target.code}`);
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain(project.name);
    await page.getByTestId(`finding-evidence-${target.ruleId}`).waitFor();
    await shoot(page, 'project');

    // The failing finding's evidence: the upstream records as they arrived.
    await page.getByTestId(`finding-evidence-${target.ruleId}`).click();
    const drawer = page.getByTestId('evidence-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.textContent()).toMatch(/[0-9a-f]{64}|[0-9a-f]{12}/);
    await shoot(page, 'project-evidence');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Confirm the suggested binding.
    await page.getByRole('tab', { name: '数据绑定' }).click();
    await page.getByTestId(`binding-confirm-${target.bindingId}`).click();
    await expect
      .poll(async () => {
        const res = await hub.http.get(`/api/bindings?projectCode=${target.code}&pageSize=500`).expect(200);
        return (res.body.items as { id: string; status: string }[]).find((b) => b.id === target.bindingId)
          ?.status;
      })
      .toBe('confirmed');

    // Apply for the pre-acceptance review, run a fresh check and watch it finish.
    await page.getByTestId('project-apply-review').click();
    await page.getByTestId('project-apply-review-submit').click();
    await page.waitForURL('**/reviews/*');
    const reviewId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('review-run-check').click();
    await page
      .locator('[data-testid="check-progress"][data-status="completed"]')
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('opinion-section-cloud').waitFor();
    await shoot(page, 'review');
    // The opinion's findings, every column title on one line.
    await page.getByTestId('opinion-section-cloud').scrollIntoViewIfNeeded();
    await shoot(page, 'review-opinion');
    await page.evaluate(() => window.scrollTo(0, 0));

    // Send it to rectification: an item is prefilled for every blocking rule left open, each given
    // its deadline, plus one more; the API records the decision.
    await page.getByTestId('review-decide').click();
    await page.getByRole('dialog').getByText('整改后复核', { exact: true }).click();
    await page.getByTestId('decision-comments').fill('请完成云资源备案后申请复核。');
    const prefilled = await page.locator('[data-testid^="item-deadline-"]').count();
    for (let i = 0; i < prefilled; i++) await page.getByTestId(`item-deadline-${i}`).fill('2026-12-31');
    await page.getByTestId('decision-add-item').click();
    await page.getByTestId(`item-description-${prefilled}`).fill('补充等级保护备案证明');
    await page.getByTestId(`item-owner-${prefilled}`).fill('信息科 张工');
    await page.getByTestId(`item-deadline-${prefilled}`).fill('2026-12-31');
    await page.getByTestId('decision-submit').click();
    await expect
      .poll(async () => (await hub.http.get(`/api/reviews/${reviewId}`).expect(200)).body.decision)
      .toBe('rectify');

    // Mark an item done with a note and a file; the screen shows who did it and the file.
    await page.locator('[data-testid^="item-done-"]').first().click();
    await page.getByTestId('item-done-note').fill('已补充等级保护备案证明');
    await page
      .getByRole('dialog')
      .locator('input[type="file"]')
      .setInputFiles({
        name: '备案证明.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
    await page.getByTestId('item-done-submit').click();
    await page.locator('[data-testid^="item-attachment-"]').first().waitFor();
    const review = (await hub.http.get(`/api/reviews/${reviewId}`).expect(200)).body as {
      items: { status: string; note: string | null; attachment: { fileName: string } | null }[];
    };
    expect(review.items.filter((i) => i.status === 'done')).toEqual([
      expect.objectContaining({
        note: '已补充等级保护备案证明',
        attachment: expect.objectContaining({ fileName: '备案证明.pdf' }),
      }),
    ]);

    // The signed opinion as PDF.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-pdf').click(),
    ]);
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await extractPdfText(pdf)).text.replace(/\s+/g, '')).toContain(project.name.replace(/\s+/g, ''));

    await page.getByRole('menuitem', { name: '验收审查' }).click();
    await page.getByTestId('reviews-table').locator('.ant-table-row').first().waitFor();
    await shoot(page, 'reviews');

    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('menuitem', { name: '政策规则包' }).click();
    await page.waitForURL('**/admin/packs');
    await page.getByTestId('pack-rules').getByRole('row').nth(2).waitFor();
    await shoot(page, 'packs');

    // Every script but the smallest (under 1 KiB, not worth it) came compressed, as the build's .br.
    expect(scripts.size).toBeGreaterThan(3);
    const sent = [...scripts.values()];
    expect(sent.filter((s) => s.bytes > 1024).map((s) => s.encoding)).toEqual(
      sent.filter((s) => s.bytes > 1024).map(() => 'br'),
    );
    expect(sent.filter((s) => s.encoding === 'br').length).toBeGreaterThan(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an administrator monitoring with its actions and every administration screen', async () => {
    const { page, errors, context } = await signIn('admin', { username: 'li.admin', shootLogin: true });
    await page.getByTestId('overview-readiness').waitFor();

    await page.getByRole('menuitem', { name: '运行监测' }).click();
    await page.waitForURL('**/monitoring');
    const alerts = page.getByTestId('alerts-table');
    await alerts.locator('.ant-table-row').first().waitFor();
    // The operator's buttons in their own column, over nothing at 1440 (the check in shoot()).
    await alerts.locator('[data-testid^="alert-resolve-"]').first().waitFor();
    await shoot(page, 'monitoring');
    for (const tab of ['resources', 'evaluations', 'interfaces']) {
      await page.getByTestId(`monitoring-tab-${tab}`).click();
      await page.getByTestId(`${tab}-table`).locator('.ant-table-row').first().waitFor();
      await shoot(page, `monitoring-${tab}`);
    }

    const screens: [string, string, string][] = [
      ['上游数据源', 'sources', 'sources-table'],
      ['用户', 'users', 'users-table'],
      ['API 令牌', 'tokens', 'tokens-table'],
      ['审计日志', 'audit', 'audit-table'],
      ['通知订阅', 'notifications', 'notification-channels'],
    ];
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    for (const [menu, name, testId] of screens) {
      await page.getByRole('menuitem', { name: menu, exact: true }).click();
      await page.waitForURL(`**/admin/${name}`);
      await page.getByTestId(testId).waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      await shoot(page, name);
    }

    // A wrong address is a missing page, not a refusal.
    await page.goto(`${baseUrl}/no/such/screen`);
    await page.getByText('页面不存在').waitFor();
    expect(await page.getByText('无权访问此页面').count()).toBe(0);
    await shoot(page, 'not-found');
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a construction unit to its own projects', async () => {
    const own = demo.projects[0]!;
    const foreign = demo.projects.find((p) => p.unitCode !== own.unitCode)!;
    const { page, errors, context } = await signIn('applicant', {
      username: 'unit.user',
      unitCode: own.unitCode,
    });
    await page.getByRole('menuitem', { name: '项目' }).click();
    await page.getByTestId('projects-table').getByRole('link', { name: own.code }).waitFor();
    const listed = await page.getByTestId('projects-table').getByRole('link').allTextContents();
    const units = new Map(demo.projects.map((p) => [p.code, p.unitCode]));
    expect(listed.filter((code) => units.has(code)).every((code) => units.get(code) === own.unitCode)).toBe(
      true,
    );
    expect(listed).not.toContain(foreign.code);
    // No monitoring or administration of others' data in its menu.
    expect(await page.getByRole('menuitem', { name: '运行监测' }).count()).toBe(0);

    await page.goto(`${baseUrl}/projects/${foreign.code}`);
    await page.getByText(/无权访问此页面|页面不存在/).waitFor();
    expect(await page.content()).not.toContain(foreign.name);
    await shoot(page, 'applicant-refused');
    expect(errors).toEqual([]);
    await context.close();
  });
});
