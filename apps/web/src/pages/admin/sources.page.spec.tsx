import { configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import type { SourceProblems, SourceStatus } from './admin.types';
import SourcesPage from './sources.page';

// Ant Design's first render is slow when every test file runs at once.
configure({ asyncUtilTimeout: 5000 });

const sync = {
  id: '7f1c2d3e-0000-4000-8000-000000000001',
  mode: 'full',
  status: 'partial',
  startedAt: '2026-11-20T01:00:00.000Z',
  finishedAt: '2026-11-20T01:05:00.000Z',
  pagesFetched: 9,
  pagesFailed: 1,
  recordsSeen: 120,
  recordsInvalid: 2,
  recordsChanged: 4,
  error: null,
  pagesTotal: null,
  paging: null,
};
const sources: SourceStatus[] = [
  {
    source: 'gov-cloud',
    title: { zh: '政务云管理平台', en: 'Government cloud' },
    configured: true,
    circuit: 'open',
    lastSync: sync,
    completeness: 0.9,
    lastSuccessAt: '2026-11-18T01:05:00.000Z',
    ageHours: 50.2,
    fresh: false,
    records: 118,
    tombstones: 3,
    problems: 2,
    untrusted: 0,
    shortfall: null,
    recovery: null,
  },
];
const problems: SourceProblems = {
  source: 'gov-cloud',
  sync,
  problems: [
    {
      kind: 'invalid',
      externalId: 'vm-0042',
      reason: { zh: '记录不符合接口约定', en: 'the record breaks the contract' },
      issues: [
        { path: 'vcpu', message: '应为正整数' },
        { path: 'tenantId', message: '必填' },
      ],
      payload: { id: 'vm-0042', vcpu: -1 },
      untrusted: false,
      projects: [],
    },
  ],
};

describe('SourcesPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each source’s circuit, completeness and freshness', async () => {
    mockHub({ 'GET /api/auth/me': meOf('monitor', ['sources:read']), 'GET /api/sources': sources });
    renderPage(<SourcesPage />, { path: '/admin/sources' });
    const table = await screen.findByTestId('sources-table');
    expect(within(table).getByText('政务云管理平台')).toBeTruthy();
    expect(within(table).getByText('已熔断')).toBeTruthy();
    expect(within(table).getByText('部分成功')).toBeTruthy();
    expect(within(table).getByText('过期')).toBeTruthy();
    expect(within(table).getByText('90%')).toBeTruthy();
  });

  it('opens the failed fields and messages of a source’s last sync', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('monitor', ['sources:read']),
      'GET /api/sources': sources,
      'GET /api/sources/gov-cloud/problems': problems,
    });
    const { router } = renderPage(<SourcesPage />, { path: '/admin/sources' });
    fireEvent.click(await screen.findByTestId('source-problems-gov-cloud'));
    const drawer = await screen.findByTestId('source-problems');
    expect(within(drawer).getByText('vm-0042')).toBeTruthy();
    expect(within(drawer).getByText('vcpu')).toBeTruthy();
    expect(within(drawer).getByText(/应为正整数/)).toBeTruthy();
    expect(within(drawer).getByText(/必填/)).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/sources/gov-cloud/problems')).toBe(true);
    expect(router.state.location.search).toBe('?problems=gov-cloud');
  });

  it('refuses a role without sources:read', async () => {
    mockHub({ 'GET /api/auth/me': meOf('applicant', ['projects:read'], '91430600MA4L000000') });
    renderPage(<SourcesPage />, { path: '/admin/sources' });
    expect(await screen.findByText('无权访问此页面')).toBeTruthy();
  });
});
