import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import type { AuditEntry } from './admin.types';
import AuditPage from './audit.page';

// Ant Design's first render is slow when every test file runs at once.
configure({ asyncUtilTimeout: 5000 });

const entry: AuditEntry = {
  seq: '42',
  at: '2026-11-20T02:30:00.000Z',
  actor: 'admin',
  action: 'pack.publish',
  actionTitle: { zh: '发布政策规则包版本', en: 'publish a pack version' },
  objectType: 'pack-version',
  objectId: 'yueyang@2',
  data: { note: '会议纪要' },
  hash: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
};
const AUDITOR = meOf('auditor', ['audit:read']);

describe('AuditPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the hub for the filters in the URL and shows the entries in Beijing time', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': AUDITOR,
      'GET /api/audit': { total: 1, items: [entry] },
    });
    renderPage(<AuditPage />, {
      path: '/admin/audit?actor=admin&action=pack.publish&from=2026-11-19T16:00:00.000Z&page=2',
    });
    const table = await screen.findByTestId('audit-table');
    expect(within(table).getByText('yueyang@2')).toBeTruthy();
    expect(within(table).getByText('2026-11-20 10:30')).toBeTruthy();
    // The action in words, its id beside it for filtering.
    expect(within(table).getByText('发布政策规则包版本', { exact: false })).toBeTruthy();
    expect(within(table).getByText('pack.publish')).toBeTruthy();
    const query = new URLSearchParams(
      calls.find((c) => c.path.startsWith('/api/audit?'))!.path.split('?')[1],
    );
    expect(Object.fromEntries(query)).toEqual({
      actor: 'admin',
      action: 'pack.publish',
      from: '2026-11-19T16:00:00.000Z',
      page: '2',
      pageSize: '50',
    });
  });

  it('puts the typed filters into the URL and the query', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': AUDITOR,
      'GET /api/audit': { total: 0, items: [] },
    });
    const { router } = renderPage(<AuditPage />, { path: '/admin/audit' });
    fireEvent.change(await screen.findByTestId('audit-filter-objectType'), { target: { value: 'user' } });
    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'user.create' } });
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(router.state.location.search).toBe('?action=user.create&objectType=user'));
    await waitFor(() =>
      expect(
        calls.some((c) => c.path === '/api/audit?action=user.create&objectType=user&page=1&pageSize=50'),
      ).toBe(true),
    );
  });

  const verification = {
    ok: true,
    entries: 120,
    lastSeq: '120',
    keyedFrom: { seq: '101', chainId: 'c', keyId: 'k', unkeyedEntries: 100 },
    checkpoints: {
      file: '/srv/hub/audit-checkpoints.jsonl',
      checked: 3,
      latest: { at: '2026-11-01T01:00:00.000Z', seq: '120', count: 120 },
    },
    firstBroken: null,
    problems: [],
    moreProblems: 0,
    warnings: [],
  };

  it('verifies the trail and names the first broken entry and every problem', async () => {
    const truncated = {
      kind: 'truncated-tail',
      seq: '118',
      message: {
        zh: '尾部被截断：序号 118–120 的条目（3 条）已被删除',
        en: 'truncated tail: entries 118–120 (3) were deleted',
      },
    };
    mockHub({
      'GET /api/auth/me': AUDITOR,
      'GET /api/audit': { total: 0, items: [] },
      'GET /api/audit/verify': {
        ...verification,
        ok: false,
        entries: 117,
        firstBroken: truncated,
        problems: [truncated],
        warnings: [{ zh: '中枢连接数据库所用的角色 hub 是超级用户', en: 'the role is a superuser' }],
      },
    });
    renderPage(<AuditPage />, { path: '/admin/audit' });
    fireEvent.click(await screen.findByTestId('audit-verify'));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.textContent).toContain('自第 118 条起校验失败');
    expect(result.textContent).toContain('序号 118–120 的条目（3 条）已被删除');
    expect(result.textContent).toContain('是超级用户');
  });

  it('reports an intact trail, where its keyed chain begins and the checkpoints it was compared with', async () => {
    mockHub({
      'GET /api/auth/me': AUDITOR,
      'GET /api/audit': { total: 0, items: [] },
      'GET /api/audit/verify': verification,
    });
    renderPage(<AuditPage />, { path: '/admin/audit' });
    fireEvent.click(await screen.findByTestId('audit-verify'));
    const text = (await screen.findByTestId('audit-verify-result')).textContent;
    expect(text).toContain('审计日志完整：共 120 条');
    expect(text).toContain('密钥链自第 101 条起；此前 100 条为未加密钥的旧链');
    expect(text).toContain('已与 3 个检查点比对');
  });
});
