import { hub } from '../../api/hub';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth';
import { QueryState } from '../../components/common';
import { formatTime } from '../../time';
import { AlertsCard } from './alerts-card';
import { DomainChartCard } from './domain-chart-card';
import { ReadinessCard } from './readiness-card';
import { SourcesCard } from './sources-card';
import { TrendChartCard } from './trend-chart-card';

/**
 * The first screen of every role: readiness and verdicts of the projects the caller may see (an
 * applicant's own unit, as the hub scopes it), then what its permissions open — the trend over scans,
 * the upstream sources, the monitoring alerts.
 */
export default function OverviewPage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const summary = useQuery({
    queryKey: ['findings', 'summary'],
    queryFn: () => hub.get('/api/findings/summary'),
  });
  const showTrend = can('scans:read');
  const showSources = can('sources:read');
  const showAlerts = can('alerts:read');
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('overview.title')}
        </Typography.Title>
        {summary.data && (
          <Typography.Text type="secondary">
            {summary.data.lastCheckedAt
              ? t('overview.lastChecked', { time: formatTime(summary.data.lastCheckedAt) })
              : t('overview.neverChecked')}
          </Typography.Text>
        )}
      </Flex>
      {me?.role === 'applicant' && me.unitCode && (
        <Alert type="info" showIcon title={t('overview.scopeUnit', { unit: me.unitCode })} />
      )}
      <QueryState query={summary}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <ReadinessCard summary={data} />
            </Col>
            <Col xs={24} xl={16}>
              <DomainChartCard summary={data} />
            </Col>
          </Row>
        )}
      </QueryState>
      {(showTrend || showAlerts) && (
        <Row gutter={[16, 16]}>
          {showTrend && (
            <Col xs={24} xl={showAlerts ? 16 : 24}>
              <TrendChartCard />
            </Col>
          )}
          {showAlerts && (
            <Col xs={24} xl={showTrend ? 8 : 24}>
              <AlertsCard />
            </Col>
          )}
        </Row>
      )}
      {showSources && <SourcesCard />}
    </Flex>
  );
}
