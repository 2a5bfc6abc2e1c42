import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage, settled, unhandledRejections } from '../../testing/render';
import { alertSummary } from '../overview/overview.fixtures';
import MonitoringPage from './monitoring.page';
import type { AlertView, MonitorRuleId } from './monitoring.types';

let seq = 0;
function alertOf(ruleId: MonitorRuleId, overrides: Partial<AlertView> = {}): AlertView {
  seq += 1;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return {
    id,
    key: `${ruleId}:x:${seq}`,
    ruleId,
    clause: '岳阳 第三十一条',
    subject: `gov-cloud/resource/ecs-${seq}`,
    projectCode: null,
    ownerUnitCode: '91430600MA4L000001',
    ownerUnitName: '岳阳市数据局',
    severity: 'warning',
    status: 'open',
    title: { zh: `告警标题 ${seq}`, en: `alert title ${seq}` },
    message: { zh: `告警说明 ${seq}`, en: `alert message ${seq}` },
    evidence: [],
    details: {},
    firstSeenAt: '2026-10-30T01:00:00.000Z',
    lastSeenAt: '2026-11-01T01:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    lastCheckRunId: null,
    timesReopened: 0,
    ...overrides,
  };
}

const MONITOR = ['projects:read', 'scans:read', 'sources:read', 'alerts:read', 'alerts:manage'];
const AUDITOR = ['projects:read', 'scans:read', 'sources:read', 'alerts:read', 'audit:read'];

describe('MonitoringPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  const open = alertOf('MON-PROD-NO-FILING', {
    severity: 'critical',
    projectCode: '25-430600-0012',
    title: { zh: '生产环境资源所属系统未取得等级保护备案：ecs-9', en: 'Production resource: ecs-9' },
  });
  const acknowledged = alertOf('MON-VIDEO-OFFLINE', {
    status: 'acknowledged',
    acknowledgedBy: 'monitor.li',
    acknowledgedAt: '2026-11-01T02:00:00.000Z',
  });

  function hub(role: 'monitor' | 'auditor') {
    let state: AlertView[] = [open, acknowledged];
    return mockHub({
      'GET /api/auth/me': meOf(role, role === 'monitor' ? MONITOR : AUDITOR),
      'GET /api/alerts/summary': alertSummary(),
      'GET /api/alerts': () => ({ total: state.length, items: state }),
      [`POST /api/alerts/${open.id}/acknowledge`]: () => {
        state = state.map((a) =>
          a.id === open.id ? { ...a, status: 'acknowledged', acknowledgedBy: 'monitor' } : a,
        );
        return state[0];
      },
      [`POST /api/alerts/${acknowledged.id}/resolve`]: () => ({ ...acknowledged, status: 'resolved' }),
    });
  }

  it('lists unresolved alerts and lets a monitor acknowledge an open one', async () => {
    const { calls } = hub('monitor');
    renderPage(<MonitoringPage />, { path: '/monitoring' });

    const table = await screen.findByTestId('alerts-table');
    expect(within(table).getByText('生产资源无等保备案')).toBeTruthy();
    expect(within(table).getByText('25-430600-0012').closest('a')!.getAttribute('href')).toBe(
      '/projects/25-430600-0012',
    );
    expect(within(table).getByText('严重')).toBeTruthy();
    expect(within(table).getByText('monitor.li 于 2026-11-01 10:00')).toBeTruthy();
    expect(calls.some((c) => c.path === '/api/alerts?status=unresolved&page=1&pageSize=50')).toBe(true);
    // An acknowledged alert can still be resolved, not acknowledged again.
    expect(screen.queryByTestId(`alert-ack-${acknowledged.id}`)).toBeNull();
    expect(screen.getByTestId(`alert-resolve-${acknowledged.id}`)).toBeTruthy();

    fireEvent.click(screen.getByTestId(`alert-ack-${open.id}`));
    fireEvent.change(await screen.findByTestId('alert-comment'), {
      target: { value: '  已通知建设单位迁移  ' },
    });
    fireEvent.click(screen.getByTestId('alert-action-confirm'));

    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toEqual({
        method: 'POST',
        path: `/api/alerts/${open.id}/acknowledge`,
        body: { comment: '已通知建设单位迁移' },
      }),
    );
    expect(await screen.findByText('已确认告警')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId(`alert-ack-${open.id}`)).toBeNull());
  });

  it('requires a comment before resolving an alert', async () => {
    const rejections = unhandledRejections();
    const { calls } = hub('monitor');
    renderPage(<MonitoringPage />, { path: '/monitoring' });
    fireEvent.click(await screen.findByTestId(`alert-resolve-${acknowledged.id}`));
    fireEvent.click(await screen.findByTestId('alert-action-confirm'));
    expect(await screen.findByText('请填写关闭说明')).toBeTruthy();
    await settled();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    expect(rejections).toEqual([]);

    fireEvent.change(screen.getByTestId('alert-comment'), { target: { value: '设备已恢复' } });
    fireEvent.click(screen.getByTestId('alert-action-confirm'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', path: `/api/alerts/${acknowledged.id}/resolve`, body: { comment: '设备已恢复' } },
      ]),
    );
  });

  it('shows an auditor the alerts without acknowledge or resolve', async () => {
    hub('auditor');
    renderPage(<MonitoringPage />, { path: '/monitoring' });
    await screen.findByTestId('alerts-table');
    expect(screen.getAllByText('待处理').length).toBeGreaterThan(0);
    expect(screen.queryByTestId(`alert-ack-${open.id}`)).toBeNull();
    expect(screen.queryByTestId(`alert-resolve-${open.id}`)).toBeNull();
    expect(screen.queryByTestId(`alert-resolve-${acknowledged.id}`)).toBeNull();
  });

  it('filters alerts by the status, severity and rule in the link', async () => {
    const { calls } = hub('auditor');
    renderPage(<MonitoringPage />, {
      path: '/monitoring?status=resolved&severity=info&rule=MON-IDLE&page=2',
      pattern: '/monitoring',
    });
    await screen.findByTestId('alerts-table');
    expect(calls.map((c) => c.path)).toContain(
      '/api/alerts?status=resolved&severity=info&ruleId=MON-IDLE&page=2&pageSize=50',
    );
    expect(screen.getByTestId('monitoring-tab-alerts').textContent).toContain('15');
  });

  it('lists orphaned and idle resources with the vCPU and memory they hold, and the totals', async () => {
    const orphan = alertOf('MON-ORPHAN', {
      details: {
        resourceId: 'ecs-orphan-1',
        systemName: '旧版协同办公',
        vcpu: 16,
        memoryGiB: 64,
        unboundSince: '2026-08-01T08:00:00+08:00',
        daysUnbound: 92,
        suggestedProjects: ['25-430600-0003'],
      },
    });
    const idle = alertOf('MON-IDLE', {
      severity: 'info',
      details: {
        resourceId: 'ecs-idle-1',
        systemName: '视频会商',
        vcpu: 8,
        memoryGiB: 32,
        cpuAvg30d: 1.2,
        memAvg30d: 9,
      },
    });
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('auditor', AUDITOR),
      'GET /api/alerts/summary': alertSummary(),
      'GET /api/alerts': { total: 2, items: [orphan, idle] },
    });
    renderPage(<MonitoringPage />, { path: '/monitoring?tab=resources', pattern: '/monitoring' });

    const table = await screen.findByTestId('resources-table');
    expect(calls.map((c) => c.path)).toContain(
      '/api/alerts?status=unresolved&ruleId=MON-ORPHAN&ruleId=MON-IDLE&page=1&pageSize=50',
    );
    const orphanRow = within(table).getByText('ecs-orphan-1').closest('tr')!;
    expect(within(orphanRow).getByText('16')).toBeTruthy();
    expect(within(orphanRow).getByText('64')).toBeTruthy();
    expect(within(orphanRow).getByText('自 2026-08-01 08:00 起未归属任何项目，已 92 天')).toBeTruthy();
    expect(within(orphanRow).getByText('建议匹配：25-430600-0003')).toBeTruthy();
    const idleRow = within(table).getByText('ecs-idle-1').closest('tr')!;
    expect(within(idleRow).getByText('近 30 天平均 CPU 1.2%、内存 9%')).toBeTruthy();
    const totals = screen.getByTestId('resources-totals');
    await waitFor(() => expect(within(totals).getByText('40')).toBeTruthy());
    expect(within(totals).getByText('160')).toBeTruthy();
    expect(within(totals).getByText('7')).toBeTruthy();
  });

  it('shows MLPS evaluations due with their due dates, and stale shared data with its last update', async () => {
    const overdue = alertOf('MON-EVAL-DUE', {
      details: {
        filingNo: '43060099001-25001',
        systemName: '岳阳市政务外网',
        level: 3,
        lastEvaluatedAt: '2025-10-20T10:00:00+08:00',
        lastReportNo: 'DJCP-2025-001',
        dueAt: '2026-10-20T10:00:00+08:00',
        daysLeft: -12,
        overdue: true,
      },
    });
    const stale = alertOf('MON-SHARE-STALE', {
      details: {
        resourceCode: 'RC-0001',
        resourceName: '企业登记信息',
        systemId: 'SYS-7',
        updateCycle: 'MONTHLY',
        cycleDays: 31,
        lastDataUpdateAt: '2026-08-01T00:00:00+08:00',
        daysSinceUpdate: 92,
      },
    });
    mockHub({
      'GET /api/auth/me': meOf('auditor', AUDITOR),
      'GET /api/alerts/summary': alertSummary(),
      'GET /api/alerts': ({ url }) => {
        const rule = url.searchParams.get('ruleId');
        return { total: 1, items: [rule === 'MON-EVAL-DUE' ? overdue : stale] };
      },
    });
    const { router } = renderPage(<MonitoringPage />, {
      path: '/monitoring?tab=evaluations',
      pattern: '/monitoring',
    });
    const evaluations = await screen.findByTestId('evaluations-table');
    expect(within(evaluations).getByText('未归属项目')).toBeTruthy();
    expect(within(evaluations).getByText('43060099001-25001')).toBeTruthy();
    expect(within(evaluations).getByText('第3级')).toBeTruthy();
    expect(within(evaluations).getByText('已逾期 12 天')).toBeTruthy();
    expect(within(evaluations).getByText('2026-10-20 10:00')).toBeTruthy();

    await act(() => router.navigate('/monitoring?tab=interfaces'));
    const interfaces = await screen.findByTestId('interfaces-table');
    expect(within(interfaces).getByText('RC-0001')).toBeTruthy();
    expect(within(interfaces).getByText('MONTHLY（31 天）')).toBeTruthy();
    expect(within(interfaces).getByText('92 天前')).toBeTruthy();
  });

  it('refuses a role without alerts:read', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('applicant', ['projects:read'], '91430600MA4L000001'),
    });
    renderPage(<MonitoringPage />, { path: '/monitoring' });
    expect(await screen.findByText('无权访问此页面')).toBeTruthy();
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/me']);
  });
});
