import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PACKS_WITH_DIVISIONS } from '../../testing/packs.fixtures';
import { meOf, mockHub, renderPage, settled, unhandledRejections } from '../../testing/render';
import ProjectDetailPage from './project-detail.page';
import type { BindingView, FindingEvidence } from './project.types';
import { finding, project, UNIT, YY_RULES } from './testing/project.fixtures';

const CODE = '25-430600-0001';
const PATTERN = '/projects/:code';
const HASH = 'a3f1'.repeat(16);

const reviewer = meOf('reviewer', [
  'projects:read',
  'packs:read',
  'checks:run',
  'checks:read',
  'bindings:read',
  'bindings:decide',
  'exemptions:read',
  'reviews:read',
  'reviews:apply',
]);
const applicant = meOf(
  'applicant',
  [
    'projects:read',
    'packs:read',
    'checks:run',
    'checks:read',
    'exemptions:read',
    'reviews:read',
    'reviews:apply',
    'disputes:raise',
  ],
  UNIT,
);

const deployFinding = finding(CODE, 'YY-CLOUD-DEPLOY', 'PASS', {
  evidence: [
    {
      source: 'gov-cloud',
      kind: 'resource',
      externalId: 'ecs-001',
      recordId: 'rec-1',
      fetchedAt: '2026-10-31T16:30:00.000Z',
      contentHash: HASH,
    },
  ],
});
const findings = {
  projectCode: CODE,
  checkRunId: 'run-1',
  evaluatedAt: '2026-11-01T01:00:00.000Z',
  ready: false,
  blockingRuleIds: ['YY-PLAN'],
  findings: [deployFinding, finding(CODE, 'YY-PLAN', 'FAIL', { domain: 'management' })],
};
const evidence: FindingEvidence = {
  projectCode: CODE,
  ruleId: 'YY-CLOUD-DEPLOY',
  verdict: 'PASS',
  checkRunId: 'run-1',
  evaluatedAt: findings.evaluatedAt,
  items: [
    {
      ...deployFinding.evidence[0]!,
      sourceTitle: { zh: '政务云资源管理平台', en: 'Government cloud' },
      untrusted: null,
      record: {
        id: 'rec-1',
        fetchedAt: '2026-10-31T16:30:00.000Z',
        contentHash: HASH,
        upstreamUpdatedAt: null,
        tombstone: false,
        payload: { resourceId: 'ecs-001', status: 'running', environment: 'production' },
      },
      sameAsEvidence: true,
    },
  ],
  registry: null,
};
const suggestion: BindingView = {
  id: '7d4c1e2a-0000-4000-8000-000000000001',
  status: 'pending',
  score: 0.92,
  record: {
    id: 'rec-9',
    source: 'mlps',
    kind: 'filing',
    externalId: 'MLPS-9',
    systemName: '协同办公系统',
    unitCode: UNIT,
    tombstone: false,
  },
  project: { code: CODE, name: 'p', unitName: 'u' },
  decidedBy: null,
  decidedAt: null,
};

function hub(me = reviewer, extra: Record<string, unknown> = {}) {
  return mockHub({
    'GET /api/auth/me': me,
    [`GET /api/projects/${CODE}`]: project(CODE),
    [`GET /api/projects/${CODE}/findings`]: findings,
    [`GET /api/projects/${CODE}/findings/YY-CLOUD-DEPLOY/evidence`]: evidence,
    [`GET /api/projects/${CODE}/history`]: {
      projectCode: CODE,
      name: 'p',
      packId: 'yueyang',
      total: 0,
      items: [],
    },
    'GET /api/packs': PACKS_WITH_DIVISIONS,
    'GET /api/packs/yueyang/rules': YY_RULES,
    'GET /api/bindings': { total: 1, items: [suggestion] },
    'GET /api/exemptions': [],
    'GET /api/disputes': [],
    ...(extra as object),
  });
}

const refusal = (status: number, code: string) => () => {
  throw { status, body: { error: { code, message: { zh: `项目 ${CODE} 不存在`, en: 'no such project' } } } };
};

// Lazy Ant Design parts and chained queries take longer than the default second on a loaded machine.
configure({ asyncUtilTimeout: 4000 });

describe('ProjectDetailPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the project’s facts, pack version and readiness', async () => {
    hub();
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });
    expect(await screen.findByTestId('project-title')).toHaveProperty(
      'textContent',
      `岳阳市协同办公平台${CODE}`,
    );
    expect(await screen.findByText('v3')).toBeTruthy();
    expect(screen.getByText('2025-03-07')).toBeTruthy();
    expect(screen.getByText('350 万元')).toBeTruthy();
    expect(await screen.findByText('岳阳市（市本级）')).toBeTruthy();
    expect(within(screen.getByTestId('project-readiness')).getByText('不具备验收条件')).toBeTruthy();
  });

  it.each([
    [404, 'PROJECT_NOT_FOUND', '页面不存在'],
    [403, 'FORBIDDEN', '无权访问此页面'],
  ])(
    'refuses an applicant the hub answers %i, and asks for none of the project’s data',
    async (status, code, text) => {
      const { calls } = hub(applicant, { [`GET /api/projects/${CODE}`]: refusal(status, code) });
      renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

      expect(await screen.findByText(text)).toBeTruthy();
      expect(screen.queryByTestId('project-title')).toBeNull();
      expect(screen.queryByTestId('project-run-check')).toBeNull();
      expect(calls.filter((c) => c.path.startsWith(`/api/projects/${CODE}/`))).toEqual([]);
    },
  );

  it('opens the evidence of a finding: source, fetched time in Beijing, content hash and the raw record', async () => {
    hub();
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

    fireEvent.click(await screen.findByTestId('finding-evidence-YY-CLOUD-DEPLOY'));

    const drawer = await screen.findByTestId('evidence-drawer');
    expect(await within(drawer).findByText('政务云资源管理平台')).toBeTruthy();
    expect(within(drawer).getByText('gov-cloud')).toBeTruthy();
    expect(within(drawer).getByText(HASH)).toBeTruthy();
    // 16:30 UTC is half past midnight the next day in Beijing.
    expect(within(drawer).getByText('2026-11-01 00:30')).toBeTruthy();
    const payload = await within(drawer).findByTestId('evidence-payload-ecs-001');
    expect(JSON.parse(payload.textContent!)).toEqual(evidence.items[0]!.record!.payload);
    expect(payload.textContent).toContain('\n  "status": "running"');
  });

  it('shows the registry cells a finding read, with the workbook, its row, and who imported it', async () => {
    const registry = {
      type: 'registry' as const,
      importId: 'imp-1',
      fileName: '2025年度项目台账.xlsx',
      sha256: 'c0ffee'.repeat(10) + 'c0ff',
      importedAt: '2026-10-31T02:00:00.000Z',
      importedBy: 'zhang.gong',
      rowNumber: 12,
      cells: [
        { header: '立项日期', value: '2025-03-07' },
        { header: '财政评审', value: '' },
      ],
    };
    const planFinding = finding(CODE, 'YY-PLAN', 'FAIL', { domain: 'management', registry });
    hub(reviewer, {
      [`GET /api/projects/${CODE}/findings`]: { ...findings, findings: [deployFinding, planFinding] },
      [`GET /api/projects/${CODE}/findings/YY-PLAN/evidence`]: {
        ...evidence,
        ruleId: 'YY-PLAN',
        verdict: 'FAIL',
        items: [],
        registry,
      },
    });
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

    fireEvent.click(await screen.findByTestId('finding-evidence-YY-PLAN'));

    const card = await within(await screen.findByTestId('evidence-drawer')).findByTestId('evidence-registry');
    expect(within(card).getByText('2025年度项目台账.xlsx')).toBeTruthy();
    expect(within(card).getByText('第 12 行')).toBeTruthy();
    expect(within(card).getByText('2025-03-07')).toBeTruthy();
    expect(within(card).getByText('（空）')).toBeTruthy();
    expect(within(card).getByText('zhang.gong')).toBeTruthy();
    expect(within(card).getByText('2026-10-31 10:00')).toBeTruthy();
  });

  it('lists the project’s untrusted records, and marks one in a finding’s evidence with what is wrong', async () => {
    const untrusted = {
      zh: '政务云资源 ecs-002 的记录不符合接口约定：networkZone 为 "egov_extranet"',
      en: 'bad zone',
    };
    const deploy = finding(CODE, 'YY-CLOUD-DEPLOY', 'UNKNOWN', {
      evidence: [{ ...deployFinding.evidence[0]!, externalId: 'ecs-002', untrusted }],
    });
    hub(reviewer, {
      [`GET /api/projects/${CODE}`]: project(CODE, {
        untrustedRecords: [
          {
            source: 'gov-cloud',
            sourceTitle: { zh: '政务云资源台账', en: 'cloud' },
            kind: 'resource',
            externalId: 'ecs-002',
            binding: 'code',
            fetchedAt: '2026-10-31T16:30:00.000Z',
            reason: untrusted,
            payload: {},
          },
        ],
      }),
      [`GET /api/projects/${CODE}/findings`]: { ...findings, findings: [deploy] },
      [`GET /api/projects/${CODE}/findings/YY-CLOUD-DEPLOY/evidence`]: {
        ...evidence,
        verdict: 'UNKNOWN',
        items: [{ ...evidence.items[0]!, externalId: 'ecs-002', untrusted }],
      },
    });
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

    const listed = await screen.findByTestId('untrusted-ecs-002');
    expect(within(listed).getByText(untrusted.zh)).toBeTruthy();
    fireEvent.click(await screen.findByTestId('finding-evidence-YY-CLOUD-DEPLOY'));
    const drawer = await screen.findByTestId('evidence-drawer');
    expect(within(drawer).getByTestId('evidence-untrusted-ecs-002').textContent).toContain('networkZone');
    expect(within(drawer).getByText('不可采信')).toBeTruthy();
  });

  it('confirms a suggested binding at its URL and reloads what depends on it', async () => {
    const { calls } = hub(reviewer, {
      [`POST /api/bindings/${suggestion.id}/confirm`]: {
        ...suggestion,
        status: 'confirmed',
        rejudged: {
          projectCode: CODE,
          checkRunId: 'run9',
          ready: true,
          blockingRuleIds: [],
          changes: [{ ruleId: 'YY-CLOUD-DEPLOY', from: 'UNKNOWN', to: 'PASS' }],
          message: { zh: `已按已存数据重新判定项目 ${CODE}：1 项结论变化`, en: 'judged again' },
          error: null,
        },
      },
    });
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}?tab=bindings`, pattern: PATTERN });

    fireEvent.click(await screen.findByTestId(`binding-confirm-${suggestion.id}`));
    // The hub judged the project again at once, and the screen says what that changed.
    expect(
      await screen.findByText(new RegExp(`已按已存数据重新判定项目 ${CODE}：1 项结论变化`)),
    ).toBeTruthy();

    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', path: `/api/bindings/${suggestion.id}/confirm`, body: {} },
      ]),
    );
    // The bindings and the findings that rest on them are asked for again.
    await waitFor(() => {
      expect(calls.filter((c) => c.path === `/api/bindings?projectCode=${CODE}&pageSize=500`)).toHaveLength(
        2,
      );
      expect(calls.filter((c) => c.path === `/api/projects/${CODE}/findings`)).toHaveLength(2);
    });
  });

  it('offers no binding decisions or bindings tab to a role without the permissions', async () => {
    hub(applicant);
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}?tab=bindings`, pattern: PATTERN });
    await screen.findByTestId('findings-table');
    expect(screen.queryByText('数据绑定')).toBeNull();
    expect(screen.queryByTestId(`binding-confirm-${suggestion.id}`)).toBeNull();
  });

  it('runs a check and follows it until it ends', async () => {
    let polls = 0;
    const { calls } = hub(reviewer, {
      'POST /api/checks': { id: 'run-2', status: 'running', error: null },
      'GET /api/checks/run-2': () => ({
        id: 'run-2',
        status: ++polls > 1 ? 'completed' : 'running',
        error: null,
      }),
    });
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

    fireEvent.click(await screen.findByTestId('project-run-check'));

    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ projectCode: CODE }));
    expect(await screen.findByText('检查完成')).toBeTruthy();
    expect(calls.filter((c) => c.path === `/api/projects/${CODE}/findings`).length).toBeGreaterThan(1);
  });

  it('applies for a review and opens it', async () => {
    const { calls } = hub(applicant, { 'POST /api/reviews': { id: 'review-7' } });
    const { router } = renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

    fireEvent.click(await screen.findByTestId('project-apply-review'));
    fireEvent.click(await screen.findByTestId('project-apply-review-submit'));

    await waitFor(() => expect(router.state.location.pathname).toBe('/reviews/review-7'));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/reviews',
      body: { projectCode: CODE },
    });
  });

  it('lets an applicant dispute a failing finding only', async () => {
    const { calls } = hub(applicant, { 'POST /api/disputes': { id: 'd-1' } });
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });

    expect(await screen.findByTestId('finding-dispute-YY-PLAN')).toBeTruthy();
    expect(screen.queryByTestId('finding-dispute-YY-CLOUD-DEPLOY')).toBeNull();
    fireEvent.click(screen.getByTestId('finding-dispute-YY-PLAN'));
    fireEvent.change(await screen.findByTestId('dispute-reason'), {
      target: { value: '已纳入2025年度计划' },
    });
    fireEvent.click(screen.getByTestId('dispute-submit'));

    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        projectCode: CODE,
        ruleId: 'YY-PLAN',
        reason: '已纳入2025年度计划',
      }),
    );
  });

  it(
    'shows a dispute without its reason as a field error, sending nothing',
    { timeout: 15_000 },
    async () => {
      const rejections = unhandledRejections();
      const { calls } = hub(applicant);
      renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });
      fireEvent.click(await screen.findByTestId('finding-dispute-YY-PLAN'));
      await screen.findByTestId('dispute-reason');
      fireEvent.click(screen.getByTestId('dispute-submit'));
      expect(await screen.findByText('必填')).toBeTruthy();
      await settled();
      expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
      expect(rejections).toEqual([]);
    },
  );

  it(
    'shows an exemption request left empty as field errors, sending nothing',
    { timeout: 15_000 },
    async () => {
      const rejections = unhandledRejections();
      const { calls } = hub(meOf('reviewer', [...reviewer.permissions, 'exemptions:request']));
      renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}?tab=exemptions`, pattern: PATTERN });
      fireEvent.click(await screen.findByTestId('project-request-exemption'));
      const dialog = await screen.findByRole('dialog');
      fireEvent.click(within(dialog).getByRole('button', { name: '提交' }));
      await waitFor(() => expect(within(dialog).getAllByText('必填').length).toBeGreaterThanOrEqual(4));
      await settled();
      expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
      expect(rejections).toEqual([]);
    },
  );

  it('says when the project has never been checked', async () => {
    hub(reviewer, { [`GET /api/projects/${CODE}/findings`]: refusal(404, 'NOT_FOUND') });
    renderPage(<ProjectDetailPage />, { path: `/projects/${CODE}`, pattern: PATTERN });
    expect(await screen.findByTestId('project-not-checked')).toBeTruthy();
    expect(screen.getByTestId('project-run-check')).toBeTruthy();
  });
});
