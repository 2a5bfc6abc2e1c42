import { hub } from '../../api/hub';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/common';
import { ALERT_SEVERITIES, type AlertSeverity } from '../monitoring/monitoring.types';

const COLORS: Record<AlertSeverity, string> = { critical: '#cf1322', warning: '#d48806', info: '#1677ff' };

/** Unresolved alerts per severity, each a link to the monitoring screen filtered by it (alerts:read). */
export function AlertsCard() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['alerts', 'summary'],
    queryFn: () => hub.get('/api/alerts/summary'),
  });
  return (
    <Card
      title={t('overview.alerts.title')}
      data-testid="overview-alerts"
      extra={<Link to="/monitoring">{t('overview.alerts.view')}</Link>}
      style={{ height: '100%' }}
    >
      <QueryState query={query}>
        {(summary) => {
          const acknowledged = ALERT_SEVERITIES.reduce((n, s) => n + summary.bySeverity[s].acknowledged, 0);
          return (
            <>
              <Row gutter={16}>
                {ALERT_SEVERITIES.map((severity) => {
                  const counts = summary.bySeverity[severity];
                  return (
                    <Col span={8} key={severity}>
                      <Link
                        to={`/monitoring?severity=${severity}`}
                        data-testid={`overview-alerts-${severity}`}
                      >
                        <Statistic
                          title={t(`vocabulary.alertSeverity.${severity}`)}
                          value={counts.open + counts.acknowledged}
                          styles={{ content: { color: COLORS[severity] } }}
                        />
                      </Link>
                    </Col>
                  );
                })}
              </Row>
              <Space separator="·" style={{ marginTop: 16 }}>
                <Typography.Text type="secondary" data-testid="overview-alerts-total">
                  {t('overview.alerts.total', { count: summary.unresolved })}
                </Typography.Text>
                {acknowledged > 0 && (
                  <Typography.Text type="secondary">
                    {t('overview.alerts.acknowledged', { count: acknowledged })}
                  </Typography.Text>
                )}
              </Space>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
