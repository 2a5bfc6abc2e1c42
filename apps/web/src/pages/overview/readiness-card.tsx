import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VERDICT_COLORS } from '../../components/common';
import type { FindingsSummary } from './overview.types';

/** Ready vs not ready for acceptance, each count a link to those projects. */
export function ReadinessCard({ summary }: { summary: FindingsSummary }) {
  const { t } = useTranslation();
  const readyPercent = summary.checked ? Math.round((summary.ready / summary.checked) * 100) : 0;
  return (
    <Card title={t('overview.readiness.title')} data-testid="overview-readiness" style={{ height: '100%' }}>
      <Typography.Paragraph strong data-testid="overview-readiness-text">
        {t('overview.readiness.notReadyOf', { notReady: summary.notReady, total: summary.checked })}
      </Typography.Paragraph>
      <Progress
        percent={readyPercent}
        success={{ percent: readyPercent, strokeColor: VERDICT_COLORS.PASS }}
        railColor={summary.checked ? VERDICT_COLORS.FAIL : undefined}
        showInfo={false}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Link to="/projects?readiness=notReady" data-testid="overview-not-ready-link">
            <Statistic
              title={t('overview.readiness.notReady')}
              value={summary.notReady}
              styles={{ content: { color: VERDICT_COLORS.FAIL } }}
            />
          </Link>
        </Col>
        <Col span={12}>
          <Link to="/projects?readiness=ready" data-testid="overview-ready-link">
            <Statistic
              title={t('overview.readiness.ready')}
              value={summary.ready}
              styles={{ content: { color: VERDICT_COLORS.PASS } }}
            />
          </Link>
        </Col>
        <Col span={12}>
          <Statistic title={t('overview.readiness.unchecked')} value={summary.unchecked} />
        </Col>
        <Col span={12}>
          <Link to="/projects">
            <Statistic title={t('overview.readiness.projects')} value={summary.projects} />
          </Link>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('overview.readiness.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
