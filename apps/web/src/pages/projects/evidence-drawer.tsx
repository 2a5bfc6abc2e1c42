import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Drawer, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, Time, VerdictTag } from '../../components/common';
import type { FindingEvidence, FindingView } from './project.types';
import { pick } from './project.types';

interface Props {
  code: string;
  finding: FindingView | null;
  onClose: () => void;
}

/**
 * The upstream records one finding rests on: what the finding kept of each (source, fetched at,
 * content hash) and the record itself as the hub stored it, from
 * GET /api/projects/:code/findings/:ruleId/evidence.
 */
export function EvidenceDrawer({ code, finding, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const ruleId = finding?.ruleId;
  const evidence = useQuery({
    queryKey: ['project', code, 'evidence', ruleId],
    queryFn: () => api.get<FindingEvidence>(`/api/projects/${code}/findings/${ruleId}/evidence`),
    enabled: Boolean(ruleId && finding?.evidence.length),
  });
  const records = new Map(
    (evidence.data?.items ?? []).map((i) => [`${i.source}/${i.kind}/${i.externalId}`, i]),
  );
  return (
    <Drawer
      open={finding !== null}
      onClose={onClose}
      size={720}
      data-testid="evidence-drawer"
      title={
        finding && (
          <Space>
            <VerdictTag verdict={finding.verdict} />
            {t('projects.evidence.title', { ruleId: finding.ruleId })}
          </Space>
        )
      }
    >
      {finding && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            <Typography.Text strong>{pick(finding.title, i18n.language)}</Typography.Text>
            <br />
            {pick(finding.reason, i18n.language)}
          </Typography.Paragraph>
          {finding.evidence.length === 0 && <Empty description={t('projects.evidence.none')} />}
          {evidence.error ? (
            <ErrorAlert error={evidence.error} onRetry={() => void evidence.refetch()} />
          ) : null}
          {finding.evidence.map((ref) => {
            const item = records.get(`${ref.source}/${ref.kind}/${ref.externalId}`);
            return (
              <Card
                key={`${ref.source}/${ref.kind}/${ref.externalId}`}
                size="small"
                title={
                  <Space>
                    <Tag>{item ? pick(item.sourceTitle, i18n.language) : ref.source}</Tag>
                    <Typography.Text code>{ref.externalId}</Typography.Text>
                  </Space>
                }
                data-testid={`evidence-record-${ref.externalId}`}
              >
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'source', label: t('projects.evidence.source'), children: ref.source },
                    { key: 'kind', label: t('projects.evidence.kind'), children: ref.kind },
                    {
                      key: 'fetchedAt',
                      label: t('projects.evidence.fetchedAt'),
                      children: <Time value={ref.fetchedAt} />,
                    },
                    {
                      key: 'hash',
                      label: t('projects.evidence.contentHash'),
                      children: (
                        <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                          {ref.contentHash}
                        </Typography.Text>
                      ),
                    },
                    ...(item?.record?.upstreamUpdatedAt
                      ? [
                          {
                            key: 'upstream',
                            label: t('projects.evidence.upstreamUpdatedAt'),
                            children: <Time value={item.record.upstreamUpdatedAt} />,
                          },
                        ]
                      : []),
                  ]}
                />
                {evidence.isPending && <Spin size="small" />}
                {item && !item.record && (
                  <Alert type="warning" showIcon title={t('projects.evidence.missing')} />
                )}
                {item?.record && !item.sameAsEvidence && (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('projects.evidence.changed', { hash: item.record.contentHash.slice(0, 12) })}
                  />
                )}
                {item?.record?.tombstone && <Tag color="default">{t('projects.evidence.tombstone')}</Tag>}
                {item?.record && (
                  <>
                    <Typography.Text type="secondary">{t('projects.evidence.record')}</Typography.Text>
                    <pre
                      data-testid={`evidence-payload-${ref.externalId}`}
                      style={{
                        background: '#fafafa',
                        border: '1px solid #f0f0f0',
                        padding: 12,
                        maxHeight: 360,
                        overflow: 'auto',
                        fontSize: 12,
                      }}
                    >
                      {JSON.stringify(item.record.payload, null, 2)}
                    </pre>
                  </>
                )}
              </Card>
            );
          })}
        </Space>
      )}
    </Drawer>
  );
}
