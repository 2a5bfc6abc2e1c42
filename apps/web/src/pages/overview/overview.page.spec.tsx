import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import type { ChartOption } from './chart';
import { alertSummary, findingsSummary, scan, sourceStatus } from './overview.fixtures';
import OverviewPage from './overview.page';

// ECharts measures a DOM jsdom does not lay out: the page is tested on the options it hands the chart.
vi.mock('./chart', () => ({
  Chart: ({ option, onClick }: { option: ChartOption; onClick?: (e: object) => void }) => (
    <div
      data-testid="chart"
      data-option={JSON.stringify(option)}
      onClick={() => onClick?.({ seriesId: 'UNKNOWN', dataIndex: 2 })}
    />
  ),
}));

const READ_ALL = ['projects:read', 'checks:read', 'scans:read', 'sources:read', 'alerts:read'];

function chartIn(testId: string): ChartOption {
  const chart = within(screen.getByTestId(testId)).getByTestId('chart');
  return JSON.parse(chart.getAttribute('data-option')!) as ChartOption;
}

describe('OverviewPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a reviewer readiness, domains, the scan trend, sources and alerts, each linking to its view', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', READ_ALL),
      'GET /api/findings/summary': findingsSummary(),
      'GET /api/scans': [
        scan({ notReady: 40 }),
        scan({ startedAt: '2026-10-30T02:00:00.000Z', notReady: 48 }),
      ],
      'GET /api/sources': [
        sourceStatus(),
        sourceStatus({
          source: 'mlps',
          title: { zh: '网络安全等级保护备案系统', en: 'MLPS filing registry' },
          fresh: false,
          circuit: 'open',
          completeness: 0.5,
          problems: 2,
        }),
      ],
      'GET /api/alerts/summary': alertSummary(),
    });
    renderPage(<OverviewPage />);

    const readiness = await screen.findByTestId('overview-readiness');
    expect(within(readiness).getByText('96 个已检查项目中 48 个不具备验收条件')).toBeTruthy();
    expect(screen.getByTestId('overview-not-ready-link').getAttribute('href')).toBe(
      '/projects?readiness=notReady',
    );
    expect(screen.getByTestId('overview-ready-link').getAttribute('href')).toBe('/projects?readiness=ready');
    expect(screen.getByText('最近检查：2026-11-01 10:00')).toBeTruthy();

    const cloud = screen.getByTestId('overview-domain-cloud');
    expect(cloud.textContent).toBe('政务云：不通过 21，无法判断 5');
    expect(cloud.getAttribute('href')).toBe('/projects?verdict=FAIL&domain=cloud');
    const domainSeries = chartIn('overview-domain-chart').series as { id: string; data: number[] }[];
    expect(domainSeries.find((s) => s.id === 'FAIL')!.data).toEqual([21, 12, 18, 7, 3]);

    await screen.findByText('最近 2 次已完成扫描');
    const trend = chartIn('overview-trend-chart').series as { id: string; data: number[] }[];
    expect(trend[0]).toMatchObject({ id: 'notReady', data: [48, 40] });

    const sources = await screen.findByTestId('overview-sources');
    const mlps = within(sources).getByTestId('overview-source-mlps');
    expect(within(mlps).getByText('数据陈旧')).toBeTruthy();
    expect(within(mlps).getByText('熔断器打开')).toBeTruthy();
    expect(within(mlps).getByText('校验问题 2 条')).toBeTruthy();
    expect(within(sources).getByTestId('overview-source-gov-cloud').textContent).toContain('数据新鲜');

    const critical = await screen.findByTestId('overview-alerts-critical');
    expect(critical.getAttribute('href')).toBe('/monitoring?severity=critical');
    expect(critical.textContent).toContain('3');
    expect(screen.getByTestId('overview-alerts-total').textContent).toBe('共 15 条未关闭');

    expect(calls.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        '/api/findings/summary',
        '/api/scans?status=completed&limit=30',
        '/api/sources',
        '/api/alerts/summary',
      ]),
    );
  });

  it('shows an applicant only its unit’s readiness and domains, and asks for nothing it may not read', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf(
        'applicant',
        ['projects:read', 'checks:read', 'reviews:read'],
        '91430600MA4L000001',
      ),
      'GET /api/findings/summary': findingsSummary({
        projects: 3,
        checked: 2,
        ready: 1,
        notReady: 1,
        unchecked: 1,
      }),
    });
    renderPage(<OverviewPage />);

    expect(await screen.findByText('2 个已检查项目中 1 个不具备验收条件')).toBeTruthy();
    expect(screen.getByText('仅显示本单位（91430600MA4L000001）的项目')).toBeTruthy();
    expect(screen.getByTestId('overview-domain-chart')).toBeTruthy();
    expect(screen.queryByTestId('overview-trend-chart')).toBeNull();
    expect(screen.queryByTestId('overview-sources')).toBeNull();
    expect(screen.queryByTestId('overview-alerts')).toBeNull();
    expect(calls.map((c) => c.path).sort()).toEqual(['/api/auth/me', '/api/findings/summary']);
  });

  it('opens the projects of the clicked domain and verdict', async () => {
    mockHub({
      'GET /api/auth/me': meOf('applicant', ['projects:read'], '91430600MA4L000001'),
      'GET /api/findings/summary': findingsSummary(),
    });
    const { router } = renderPage(<OverviewPage />);
    const chart = within(await screen.findByTestId('overview-domain-chart')).getByTestId('chart');
    fireEvent.click(chart);
    expect(await screen.findByText('elsewhere')).toBeTruthy();
    expect(router.state.location.pathname + router.state.location.search).toBe(
      '/projects?verdict=UNKNOWN&domain=security',
    );
  });

  it('says so when no full scan has completed yet, and shows a hub error on the summary', async () => {
    mockHub({
      'GET /api/auth/me': meOf('auditor', READ_ALL),
      'GET /api/findings/summary': () => {
        throw {
          status: 503,
          body: { error: { code: 'DB', message: { zh: '数据库不可用', en: 'database down' } } },
        };
      },
      'GET /api/scans': [],
      'GET /api/sources': [],
      'GET /api/alerts/summary': alertSummary(),
    });
    renderPage(<OverviewPage />);
    expect(await screen.findByText('尚无已完成的全量扫描')).toBeTruthy();
    expect(await screen.findByText('数据库不可用', {}, { timeout: 5000 })).toBeTruthy();
  });
});
