import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { QueryState } from '../../components/common';
import { formatTime } from '../../time';
import { pick, type RecordProblem, type SourceProblems } from './admin.types';

/** The records of a source's last sync that failed validation: which fields, and why. */
export function SourceProblemsDrawer({
  source,
  title,
  onClose,
}: {
  source: string | null;
  title: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const problems = useQuery({
    queryKey: ['sources', source, 'problems'],
    queryFn: () => api.get<SourceProblems>(`/api/sources/${encodeURIComponent(source!)}/problems`),
    enabled: source !== null,
  });
  return (
    <Drawer
      open={source !== null}
      size={900}
      title={t('admin.sources.problemsTitle', { source: title })}
      onClose={onClose}
      destroyOnHidden
    >
      <QueryState query={problems}>
        {(data) =>
          !data.sync ? (
            <Alert type="info" showIcon title={t('admin.sources.noSync')} />
          ) : (
            <div data-testid="source-problems">
              <Typography.Paragraph type="secondary">
                {t('admin.sources.syncInfo', {
                  id: data.sync.id.slice(0, 8),
                  mode: data.sync.mode,
                  at: formatTime(data.sync.startedAt),
                  seen: data.sync.recordsSeen,
                  invalid: data.sync.recordsInvalid,
                })}
              </Typography.Paragraph>
              {data.problems.length === 0 ? (
                <Alert type="success" showIcon title={t('admin.sources.noProblems')} />
              ) : (
                <Table<RecordProblem & { key: number }>
                  size="small"
                  dataSource={data.problems.map((p, i) => ({ ...p, key: i }))}
                  pagination={data.problems.length > 50 ? { pageSize: 50 } : false}
                  expandable={{
                    expandedRowRender: (p) => (
                      <div>
                        <Typography.Text type="secondary">{t('admin.sources.payload')}</Typography.Text>
                        <pre style={{ maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
                          {JSON.stringify(p.payload, null, 2)}
                        </pre>
                      </div>
                    ),
                  }}
                  columns={[
                    { title: t('admin.sources.kind'), dataIndex: 'kind', width: 120 },
                    {
                      title: t('admin.sources.externalId'),
                      dataIndex: 'externalId',
                      width: 160,
                      render: (id: string | null) => (id ? <code>{id}</code> : '—'),
                    },
                    { title: t('admin.sources.reason'), render: (_, p) => pick(p.reason, i18n.language) },
                    {
                      title: t('admin.sources.issues'),
                      render: (_, p) => (
                        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                          {p.issues.map((issue, i) => (
                            <li key={i}>
                              <code>{issue.path || '(record)'}</code>：{issue.message}
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          )
        }
      </QueryState>
    </Drawer>
  );
}
