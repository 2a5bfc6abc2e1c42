import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Drawer, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, Time, VerdictTag } from '../../components/common';
import type { FindingEvidence, FindingView, RegistryEvidence } from './project.types';
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
    enabled: Boolean(ruleId && (finding?.evidence.length || finding?.registry)),
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
          {finding.evidence.length === 0 && !finding.registry && (
            <Empty description={t('projects.evidence.none')} />
          )}
          {finding.registry && <RegistryCard registry={finding.registry} />}
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
                    {ref.untrusted && <Tag color="warning">{t('projects.evidence.untrusted')}</Tag>}
                  </Space>
                }
                data-testid={`evidence-record-${ref.externalId}`}
              >
                {ref.untrusted && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={pick(ref.untrusted, i18n.language)}
                    data-testid={`evidence-untrusted-${ref.externalId}`}
                  />
                )}
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

/** The registry cells a finding read: the workbook, its row, each cell, and when and by whom it came. */
function RegistryCard({ registry }: { registry: RegistryEvidence }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="evidence-registry"
      title={
        <Space>
          <Tag color="blue">{t('projects.evidence.registry')}</Tag>
          {registry.fileName && <Typography.Text>{registry.fileName}</Typography.Text>}
          {registry.rowNumber !== null && (
            <Typography.Text type="secondary">
              {t('projects.evidence.row', { row: registry.rowNumber })}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          ...registry.cells.map((c) => ({
            key: `cell-${c.header}`,
            label: c.header,
            children: c.value || (
              <Typography.Text type="secondary">{t('projects.evidence.emptyCell')}</Typography.Text>
            ),
          })),
          {
            key: 'importedAt',
            label: t('projects.evidence.importedAt'),
            children: registry.importedAt ? (
              <Time value={registry.importedAt} />
            ) : (
              t('projects.evidence.unknownImport')
            ),
          },
          ...(registry.importedBy
            ? [{ key: 'importedBy', label: t('projects.evidence.importedBy'), children: registry.importedBy }]
            : []),
          ...(registry.sha256
            ? [
                {
                  key: 'sha256',
                  label: t('projects.evidence.fileHash'),
                  children: (
                    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                      {registry.sha256}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
