import { Card, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Chart, type ChartClick } from './chart';
import { buildDomainChartOption, chartDomains } from './chart-options';
import type { FindingsSummary } from './overview.types';

/** Verdict counts per review domain; a bar segment or a line below opens those projects. */
export function DomainChartCard({ summary }: { summary: FindingsSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const option = useMemo(() => buildDomainChartOption(summary, t), [summary, t]);
  const domains = chartDomains(summary);
  const onClick = (event: ChartClick) => {
    const domain = domains[event.dataIndex];
    if (!domain || !event.seriesId) return;
    void navigate(`/projects?${new URLSearchParams({ verdict: event.seriesId, domain })}`);
  };
  return (
    <Card title={t('overview.domain.title')} data-testid="overview-domain-chart" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('overview.domain.hint')}</Typography.Paragraph>
      <Chart option={option} onClick={onClick} />
      <Space wrap size={[16, 4]}>
        {summary.domains.map((d) => (
          <Link
            key={d.domain}
            to={`/projects?${new URLSearchParams({ verdict: 'FAIL', domain: d.domain })}`}
            data-testid={`overview-domain-${d.domain}`}
          >
            {t('overview.domain.failLink', {
              domain: t(`common.domain.${d.domain}`, { defaultValue: d.title.zh }),
              fail: d.verdicts.FAIL ?? 0,
              unknown: d.verdicts.UNKNOWN ?? 0,
            })}
          </Link>
        ))}
      </Space>
    </Card>
  );
}
