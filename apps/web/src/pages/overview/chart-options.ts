import { VERDICT_COLORS, VERDICTS } from '../../components/common';
import { formatTime } from '../../time';
import type { ChartOption } from './chart';
import type { FindingsSummary, ScanListItem } from './overview.types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The domain of each bar, in the order the summary lists them: what a click on bar `i` is about. */
export function chartDomains(summary: FindingsSummary): string[] {
  return summary.domains.map((d) => d.domain);
}

/**
 * Findings per verdict in each review domain as stacked bars, one series per verdict (series id = the
 * verdict) in the verdict colours used everywhere else.
 */
export function buildDomainChartOption(summary: FindingsSummary, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: summary.domains.map((d) => t(`common.domain.${d.domain}`, { defaultValue: d.title.zh })),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: VERDICTS.map((verdict) => ({
      id: verdict,
      name: t(`vocabulary.verdict.${verdict}`),
      type: 'bar',
      stack: 'verdicts',
      emphasis: { focus: 'series' },
      itemStyle: { color: VERDICT_COLORS[verdict] },
      data: summary.domains.map((d) => d.verdicts[verdict] ?? 0),
    })),
  };
}

/** Completed scans oldest to newest: the order a trend reads in. */
export function trendScans(scans: readonly ScanListItem[]): ScanListItem[] {
  return scans
    .filter((s) => s.status === 'completed' && s.summary)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/**
 * Per completed scan: findings that failed or could not be judged (left axis), and projects not
 * ready (right axis, a different count).
 */
export function buildTrendChartOption(scans: readonly ScanListItem[], t: Translate): ChartOption {
  const points = trendScans(scans);
  const verdicts = ['FAIL', 'UNKNOWN', 'PASS'] as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 24, bottom: 40, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      // Beijing time, as every time on the dashboard.
      data: points.map((s) => formatTime(s.finishedAt ?? s.startedAt).slice(5)),
    },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        id: 'notReady',
        name: t('overview.trend.notReady'),
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 8,
        lineStyle: { width: 3 },
        itemStyle: { color: '#531dab' },
        data: points.map((s) => s.summary!.notReady),
      },
      ...verdicts.map((verdict) => ({
        id: verdict,
        name: t(`vocabulary.verdict.${verdict}`),
        type: 'line' as const,
        yAxisIndex: 0,
        itemStyle: { color: VERDICT_COLORS[verdict] },
        data: points.map((s) => s.summary!.verdicts[verdict] ?? 0),
      })),
    ],
  };
}
