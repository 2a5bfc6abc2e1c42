import { describe, expect, it } from 'vitest';
import { VERDICT_COLORS } from '../../components/common';
import i18n from '../../i18n';
import { buildDomainChartOption, buildTrendChartOption, chartDomains } from './chart-options';
import { findingsSummary, scan } from './overview.fixtures';

type Series = {
  id: string;
  name: string;
  data: number[];
  itemStyle: { color: string };
  stack?: string;
  yAxisIndex?: number;
};

describe(buildDomainChartOption.name, () => {
  it('stacks one series per verdict over the five review domains, in the verdict colours', () => {
    const t = i18n.getFixedT('zh');
    const option = buildDomainChartOption(findingsSummary(), t);
    expect((option.xAxis as { data: string[] }).data).toEqual([
      '政务云',
      '数据共享',
      '网络安全',
      '平台对接',
      '项目管理',
    ]);
    const series = option.series as Series[];
    expect(series.map((s) => s.id)).toEqual(['FAIL', 'UNKNOWN', 'PASS', 'WAIVED', 'NOT_APPLICABLE']);
    expect(series.every((s) => s.stack === 'verdicts')).toBe(true);
    const fail = series.find((s) => s.id === 'FAIL')!;
    expect(fail).toMatchObject({ name: '不通过', itemStyle: { color: VERDICT_COLORS.FAIL } });
    expect(fail.data).toEqual([21, 12, 18, 7, 3]);
    expect(series.find((s) => s.id === 'PASS')!.data).toEqual([200, 150, 120, 130, 100]);
    expect(chartDomains(findingsSummary())).toEqual([
      'cloud',
      'data-sharing',
      'security',
      'platforms',
      'management',
    ]);
  });

  it('names domains and verdicts in English when asked', () => {
    const option = buildDomainChartOption(findingsSummary(), i18n.getFixedT('en'));
    expect((option.xAxis as { data: string[] }).data[0]).toBe('Government cloud');
    expect((option.series as Series[])[0]!.name).toBe('Fail');
  });
});

describe(buildTrendChartOption.name, () => {
  it('draws completed scans oldest first, not-ready projects on their own axis', () => {
    const t = i18n.getFixedT('zh');
    const scans = [
      scan({
        startedAt: '2026-11-01T02:00:00.000Z',
        finishedAt: '2026-11-01T02:05:00.000Z',
        notReady: 40,
        fail: 50,
      }),
      scan({ status: 'failed', summary: null, startedAt: '2026-10-31T02:00:00.000Z' }),
      scan({
        startedAt: '2026-10-30T02:00:00.000Z',
        finishedAt: '2026-10-30T02:05:00.000Z',
        notReady: 48,
        fail: 61,
      }),
    ];
    const option = buildTrendChartOption(scans, t);
    // Beijing time: 02:05 UTC is 10:05 in Beijing.
    expect((option.xAxis as { data: string[] }).data).toEqual(['10-30 10:05', '11-01 10:05']);
    const series = option.series as Series[];
    expect(series.map((s) => s.id)).toEqual(['notReady', 'FAIL', 'UNKNOWN', 'PASS']);
    expect(series[0]).toMatchObject({ name: '不具备验收条件项目', yAxisIndex: 1, data: [48, 40] });
    expect(series[1]).toMatchObject({
      yAxisIndex: 0,
      data: [61, 50],
      itemStyle: { color: VERDICT_COLORS.FAIL },
    });
  });
});
