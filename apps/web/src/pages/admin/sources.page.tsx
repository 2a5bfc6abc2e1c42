import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CIRCUIT_COLORS, useSources } from '../../api/sources';
import { useAuth } from '../../auth/auth';
import { Forbidden, QueryState, Time } from '../../components/common';
import { pick, type SourceStatus } from './admin.types';
import { SourceProblemsDrawer } from './source-problems-drawer';

const SYNC_COLORS: Record<string, string> = {
  succeeded: 'success',
  failed: 'error',
  partial: 'warning',
  running: 'processing',
};

/**
 * 上游数据源: each upstream system's last sync, completeness, freshness and circuit, and the records
 * that failed validation (drawer, its source in the URL as `?problems=`).
 */
export default function SourcesPage() {
  const { t, i18n } = useTranslation();
  const { can, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const sources = useSources({ enabled: can('sources:read') });
  if (!can('sources:read')) return loading ? null : <Forbidden />;
  const open = params.get('problems');
  const setOpen = (source: string | null) =>
    setParams((p) => {
      if (source) p.set('problems', source);
      else p.delete('problems');
      return p;
    });
  const openTitle = sources.data?.find((s) => s.source === open)?.title;
  return (
    <Card
      title={t('admin.sources.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void sources.refetch()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <QueryState query={sources}>
        {(list) => (
          <div data-testid="sources-table">
            <Table<SourceStatus>
              rowKey="source"
              size="small"
              pagination={false}
              dataSource={list}
              scroll={{ x: 1100 }}
              columns={[
                {
                  title: t('admin.sources.source'),
                  render: (_, s) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{pick(s.title, i18n.language)}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.source}
                        {s.configured ? '' : ` · ${t('admin.sources.notConfigured')}`}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('admin.sources.circuit'),
                  width: 100,
                  render: (_, s) =>
                    s.circuit ? (
                      <Tag color={CIRCUIT_COLORS[s.circuit] ?? 'default'}>
                        {t(`admin.sources.circuitValue.${s.circuit}`, { defaultValue: s.circuit })}
                      </Tag>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('admin.sources.lastSync'),
                  width: 200,
                  render: (_, s) =>
                    s.lastSync ? (
                      <Space orientation="vertical" size={0}>
                        <span>
                          <Tag color={SYNC_COLORS[s.lastSync.status] ?? 'default'}>
                            {t(`admin.sources.statusValue.${s.lastSync.status}`, {
                              defaultValue: s.lastSync.status,
                            })}
                          </Tag>
                          <Typography.Text type="secondary">{s.lastSync.mode}</Typography.Text>
                        </span>
                        <Time value={s.lastSync.finishedAt ?? s.lastSync.startedAt} />
                        {s.lastSync.error ? (
                          <Typography.Text type="danger" style={{ fontSize: 12 }}>
                            {t('admin.sources.error', { error: s.lastSync.error })}
                          </Typography.Text>
                        ) : null}
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">{t('admin.sources.noSync')}</Typography.Text>
                    ),
                },
                {
                  title: t('admin.sources.completeness'),
                  width: 140,
                  render: (_, s) =>
                    s.completeness === null ? (
                      '—'
                    ) : (
                      <Progress
                        percent={Math.round(s.completeness * 1000) / 10}
                        size="small"
                        strokeColor={s.completeness < 1 ? '#d48806' : undefined}
                        format={(percent) => `${percent}%`}
                      />
                    ),
                },
                {
                  title: t('admin.sources.freshness'),
                  width: 170,
                  render: (_, s) => (
                    <Space orientation="vertical" size={0}>
                      <Tag color={s.fresh ? 'success' : 'warning'}>
                        {s.fresh ? t('admin.sources.fresh') : t('admin.sources.stale')}
                      </Tag>
                      {s.ageHours !== null ? (
                        <Tooltip title={`${t('admin.sources.lastSuccess')}: ${s.lastSuccessAt ?? '—'}`}>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('admin.sources.ageHours', { hours: s.ageHours })}
                          </Typography.Text>
                        </Tooltip>
                      ) : null}
                    </Space>
                  ),
                },
                { title: t('admin.sources.records'), dataIndex: 'records', width: 90, align: 'right' },
                { title: t('admin.sources.tombstones'), dataIndex: 'tombstones', width: 90, align: 'right' },
                {
                  title: t('admin.sources.problems'),
                  width: 120,
                  render: (_, s) => (
                    <Button
                      size="small"
                      type={s.problems ? 'primary' : 'default'}
                      danger={s.problems > 0}
                      data-testid={`source-problems-${s.source}`}
                      onClick={() => setOpen(s.source)}
                    >
                      {s.problems} · {t('admin.sources.viewProblems')}
                    </Button>
                  ),
                },
              ]}
            />
          </div>
        )}
      </QueryState>
      <SourceProblemsDrawer
        source={open}
        title={openTitle ? pick(openTitle, i18n.language) : (open ?? '')}
        onClose={() => setOpen(null)}
      />
    </Card>
  );
}
