import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { YY_DIVISIONS } from '../../testing/packs.fixtures';
import { meOf, mockHub, renderPage, settled, unhandledRejections } from '../../testing/render';
import type { ImpactPreview, PackSummary, PackVersion, RuleView } from './admin.types';
import PacksPage from './packs.page';

// Ant Design's first render is slow when every test file runs at once.
configure({ asyncUtilTimeout: 5000 });

const v1: PackVersion = {
  packId: 'yueyang',
  version: 1,
  effectiveFrom: '2000-01-01',
  settings: { maxSourceAgeHours: 48, videoMinOnlineRatio: 0.9, keyDomains: ['协同办公'] },
  confirmedRuleIds: [],
  note: '默认设置',
  publishedBy: 'system',
  publishedAt: '2026-01-01T00:00:00.000Z',
};
const pack: PackSummary = {
  id: 'yueyang',
  name: { zh: '岳阳', en: 'Yueyang' },
  title: { zh: '岳阳市', en: 'Yueyang' },
  divisionCode: '430600',
  divisions: YY_DIVISIONS,
  rules: 2,
  defaults: v1.settings,
  packWideSettings: ['maxSourceAgeHours'],
  latestVersion: v1,
  settingsSchema: {
    properties: {
      maxSourceAgeHours: { type: 'number', exclusiveMinimum: 0 },
      videoMinOnlineRatio: { type: 'number', minimum: 0, maximum: 1 },
      keyDomains: { type: 'array', items: { type: 'string', enum: ['协同办公', '智慧教育'] } },
    },
  },
};
const rules: RuleView[] = [
  {
    id: 'YY-VIDEO',
    pack: 'yueyang',
    title: { zh: '视频设备在线率', en: 'Video online ratio' },
    clause: '第十条',
    basis: 'local',
    basisNote: null,
    severity: 'blocking',
    domain: { id: 'platforms', zh: '平台对接', en: 'Platform integration' },
    requirement: { zh: '在线率不低于阈值', en: 'online ratio at least the threshold' },
    sources: [{ id: 'video', zh: '视频平台', en: 'video platform' }],
    settings: ['videoMinOnlineRatio'],
  },
  {
    id: 'YY-CRYPTO',
    pack: 'yueyang',
    title: { zh: '密码应用', en: 'Cryptography' },
    clause: '—',
    basis: 'national-unverified',
    basisNote: { zh: '未核对', en: 'unverified' },
    severity: 'advisory',
    domain: { id: 'security', zh: '网络安全', en: 'Security' },
    requirement: { zh: '密评', en: 'crypto evaluation' },
    sources: [],
    settings: [],
  },
];
const preview: ImpactPreview = {
  packId: 'yueyang',
  draftVersion: 2,
  effectiveFrom: '2026-11-01',
  projectsAffected: 3,
  projectsEvaluated: 7,
  flips: [
    {
      projectCode: 'YY-2026-001',
      projectName: '智慧交通平台',
      ruleId: 'YY-VIDEO',
      from: { verdict: 'FAIL', warningOnly: false },
      to: { verdict: 'PASS', warningOnly: false },
    },
    {
      projectCode: 'YY-2026-002',
      projectName: '雪亮工程二期',
      ruleId: 'YY-VIDEO',
      from: { verdict: 'FAIL', warningOnly: false },
      to: { verdict: 'PASS', warningOnly: false },
    },
  ],
  readinessChanges: [{ projectCode: 'YY-2026-001', from: false, to: true }],
};

function hub(permissions: string[]) {
  return mockHub({
    'GET /api/auth/me': meOf(permissions.includes('packs:manage') ? 'admin' : 'reviewer', permissions),
    'GET /api/packs': [pack],
    'GET /api/packs/yueyang/rules': rules,
    'GET /api/packs/yueyang/versions': [v1],
    'POST /api/packs/yueyang/preview': preview,
    'POST /api/packs/yueyang/versions': ({ body }) => ({ ...v1, ...(body as object), version: 2 }),
  });
}

async function draftLowerVideoRatio() {
  fireEvent.click(await screen.findByTestId('pack-new-draft'));
  const ratio = await screen.findByLabelText(/视频在线率下限/);
  fireEvent.change(ratio, { target: { value: '0.8' } });
  fireEvent.blur(ratio);
  fireEvent.click(screen.getByLabelText(/YY-CRYPTO/));
  fireEvent.change(screen.getByTestId('pack-note'), { target: { value: '市政数局 2026 年 10 月会议纪要' } });
}

describe('PacksPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the rules with the thresholds they read', async () => {
    hub(['packs:read']);
    renderPage(<PacksPage />, { path: '/admin/packs' });
    const table = await screen.findByTestId('pack-rules');
    expect(within(table).getByText('YY-VIDEO')).toBeTruthy();
    expect(within(table).getByText('0.9')).toBeTruthy();
    expect(within(table).getByText('未确认：不通过仅作提示')).toBeTruthy();
    expect(screen.queryByTestId('pack-new-draft')).toBeNull();
    // The pack's division by name, its code beside it.
    expect(screen.getByText('岳阳市（市本级）')).toBeTruthy();
  });

  it('shows a draft without its note as a field error, asking the hub nothing', async () => {
    const rejections = unhandledRejections();
    const { calls } = hub(['packs:read', 'packs:preview']);
    renderPage(<PacksPage />, { path: '/admin/packs' });
    fireEvent.click(await screen.findByTestId('pack-new-draft'));
    fireEvent.click(await screen.findByTestId('pack-preview'));
    expect(await screen.findByText('请填写修改说明')).toBeTruthy();
    await settled();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(rejections).toEqual([]);
  });

  it('previews the draft’s impact and publishes exactly the previewed draft', async () => {
    const { calls } = hub(['packs:read', 'packs:preview', 'packs:manage']);
    renderPage(<PacksPage />, { path: '/admin/packs' });
    await draftLowerVideoRatio();
    expect((screen.getByTestId('pack-publish') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('pack-preview'));
    const result = await screen.findByTestId('pack-preview-result');
    const sent = calls.find((c) => c.method === 'POST' && c.path === '/api/packs/yueyang/preview')!.body as {
      settings: object;
      confirmedRuleIds: string[];
      note: string;
      effectiveFrom: string;
    };
    expect(sent.settings).toEqual({ videoMinOnlineRatio: 0.8 });
    expect(sent.confirmedRuleIds).toEqual(['YY-CRYPTO']);
    expect(sent.note).toBe('市政数局 2026 年 10 月会议纪要');
    expect(sent.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const flips = within(result).getByTestId('pack-preview-flips');
    expect(within(flips).getByText('YY-2026-001')).toBeTruthy();
    expect(within(flips).getByText('雪亮工程二期')).toBeTruthy();
    const counts = within(result).getByTestId('pack-preview-counts');
    const failRow = within(counts).getByText('不通过').closest('tr')!;
    expect(
      within(failRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['不通过', '2', '0']);
    expect(within(result).getByTestId('pack-preview-readiness').textContent).toContain('不可验收 → 可验收');

    const publish = screen.getByTestId('pack-publish') as HTMLButtonElement;
    await waitFor(() => expect(publish.disabled).toBe(false));
    fireEvent.click(publish);
    await waitFor(() =>
      expect(
        calls.find((c) => c.method === 'POST' && c.path === '/api/packs/yueyang/versions')?.body,
      ).toEqual(sent),
    );
    expect(await screen.findByText('已发布第 2 版')).toBeTruthy();
  });

  it('asks for a new preview when the draft changes after one', async () => {
    hub(['packs:read', 'packs:preview', 'packs:manage']);
    renderPage(<PacksPage />, { path: '/admin/packs' });
    await draftLowerVideoRatio();
    fireEvent.click(screen.getByTestId('pack-preview'));
    await screen.findByTestId('pack-preview-result');
    fireEvent.change(screen.getByTestId('pack-note'), { target: { value: '另一个说明' } });
    expect(await screen.findByText('草稿在预览后已修改，请重新预览')).toBeTruthy();
    expect((screen.getByTestId('pack-publish') as HTMLButtonElement).disabled).toBe(true);
  });

  it('lets a reviewer preview but not publish', async () => {
    hub(['packs:read', 'packs:preview']);
    renderPage(<PacksPage />, { path: '/admin/packs' });
    await draftLowerVideoRatio();
    fireEvent.click(screen.getByTestId('pack-preview'));
    expect(await screen.findByTestId('pack-preview-result')).toBeTruthy();
    expect(screen.queryByTestId('pack-publish')).toBeNull();
  });

  it('pins a version to a project from the versions tab', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('admin', ['packs:read', 'packs:preview', 'packs:manage']),
      'GET /api/packs': [pack],
      'GET /api/packs/yueyang/rules': rules,
      'GET /api/packs/yueyang/versions': [v1],
      'POST /api/packs/yueyang/pins': { projectCode: 'YY-2026-001', pinned: null },
    });
    renderPage(<PacksPage />, { path: '/admin/packs?tab=versions' });
    expect(await screen.findByText('默认设置')).toBeTruthy();
    fireEvent.change(screen.getByTestId('pack-pin-project'), { target: { value: 'YY-2026-001' } });
    fireEvent.click(screen.getByTestId('pack-pin'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/packs/yueyang/pins')?.body).toEqual({
        projectCode: 'YY-2026-001',
        version: null,
      }),
    );
  });
});
