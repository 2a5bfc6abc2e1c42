import { hub } from '../../api/hub';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/common';
import { Chart } from './chart';
import { buildTrendChartOption, trendScans } from './chart-options';

const TREND_SCANS = 30;

/** Not-ready projects and verdict counts per completed full scan (needs scans:read). */
export function TrendChartCard() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['scans', 'recent', 'completed', TREND_SCANS],
    queryFn: () => hub.get('/api/scans', { query: { status: 'completed', limit: TREND_SCANS } }),
  });
  return (
    <Card
      title={t('overview.trend.title')}
      data-testid="overview-trend-chart"
      extra={query.data ? t('overview.trend.latest', { count: trendScans(query.data).length }) : null}
      style={{ height: '100%' }}
    >
      <QueryState query={query}>
        {(scans) =>
          trendScans(scans).length === 0 ? (
            <Empty description={t('overview.trend.empty')} />
          ) : (
            <Chart option={buildTrendChartOption(scans, t)} />
          )
        }
      </QueryState>
    </Card>
  );
}
