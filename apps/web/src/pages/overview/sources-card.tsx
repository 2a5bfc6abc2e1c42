import { Card, Flex, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CIRCUIT_COLORS, useSources } from '../../api/sources';
import { QueryState, Time } from '../../components/common';

/** Each upstream system's freshness, completeness and circuit (needs sources:read). */
export function SourcesCard() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const query = useSources();
  return (
    <Card
      title={t('overview.sources.title')}
      data-testid="overview-sources"
      extra={<Link to="/admin/sources">{t('overview.sources.manage')}</Link>}
    >
      <QueryState query={query}>
        {(sources) => (
          <Flex vertical>
            {sources.map((s, i) => (
              <Flex
                key={s.source}
                data-testid={`overview-source-${s.source}`}
                justify="space-between"
                align="center"
                wrap
                gap={16}
                style={{
                  padding: '12px 0',
                  borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)',
                }}
              >
                <Flex vertical gap={4}>
                  <Space wrap>
                    <Typography.Text strong>{en ? s.title.en : s.title.zh}</Typography.Text>
                    {!s.configured ? (
                      <Tag>{t('overview.sources.notConfigured')}</Tag>
                    ) : s.fresh ? (
                      <Tag color="success">{t('overview.sources.fresh')}</Tag>
                    ) : (
                      <Tag color="error">{t('overview.sources.stale')}</Tag>
                    )}
                    {s.circuit && (
                      <Tag color={CIRCUIT_COLORS[s.circuit] ?? 'default'}>
                        {t(`overview.sources.circuit.${s.circuit}`, { defaultValue: s.circuit })}
                      </Tag>
                    )}
                    {s.problems > 0 && (
                      <Tag color="warning">{t('overview.sources.problems', { count: s.problems })}</Tag>
                    )}
                  </Space>
                  <Typography.Text type="secondary">
                    {s.lastSuccessAt ? (
                      <Space wrap>
                        <span>{t('overview.sources.lastSuccess')}</span>
                        <Time value={s.lastSuccessAt} />
                        {s.ageHours !== null && (
                          <span>{t('overview.sources.age', { hours: s.ageHours })}</span>
                        )}
                      </Space>
                    ) : (
                      t('overview.sources.never')
                    )}
                  </Typography.Text>
                </Flex>
                {s.completeness !== null && (
                  <Flex vertical style={{ width: 160 }}>
                    <Typography.Text type="secondary">{t('overview.sources.completeness')}</Typography.Text>
                    <Progress
                      percent={Math.round(s.completeness * 100)}
                      size="small"
                      status={s.completeness < 1 ? 'exception' : 'success'}
                    />
                  </Flex>
                )}
              </Flex>
            ))}
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}
