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

  it('verifies the hash chain and names the first broken entry', async () => {
    mockHub({
      'GET /api/auth/me': AUDITOR,
      'GET /api/audit': { total: 0, items: [] },
      'GET /api/audit/verify': {
        ok: false,
        entries: 120,
        firstBroken: { seq: '57', reason: 'entry edited' },
      },
    });
    renderPage(<AuditPage />, { path: '/admin/audit' });
    fireEvent.click(await screen.findByTestId('audit-verify'));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.textContent).toContain('第 57 条');
    expect(result.textContent).toContain('entry edited');
  });

  it('reports a whole chain', async () => {
    mockHub({
      'GET /api/auth/me': AUDITOR,
      'GET /api/audit': { total: 0, items: [] },
      'GET /api/audit/verify': { ok: true, entries: 120, firstBroken: null },
    });
    renderPage(<AuditPage />, { path: '/admin/audit' });
    fireEvent.click(await screen.findByTestId('audit-verify'));
    expect((await screen.findByTestId('audit-verify-result')).textContent).toContain('哈希链完整：共 120 条');
  });
});
