import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert } from '../../components/common';
import { BindingsTable } from './bindings-table';
import { DisputesPanel } from './disputes-panel';
import { ExemptionsPanel } from './exemptions-panel';
import { FindingsTable } from './findings-table';
import { HistoryTimeline } from './history-timeline';
import { ProjectHeader } from './project-header';
import { pick, type Project, type ProjectFindings, type UntrustedRecordView } from './project.types';
import { usePackRules } from './use-pack-rules';

type Tab = 'findings' | 'history' | 'bindings' | 'exemptions' | 'disputes';

/** One project: its facts, its latest findings with their evidence, and what has been decided on it. */
export default function ProjectDetailPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const project = useQuery({
    queryKey: ['project', code],
    queryFn: () => api.get<Project>(`/api/projects/${encodeURIComponent(code)}`),
  });
  // Nothing else is asked until the hub has said the caller may see the project.
  const visible = project.isSuccess;
  const findings = useQuery({
    queryKey: ['project', code, 'findings'],
    queryFn: async () => {
      try {
        return await api.get<ProjectFindings>(`/api/projects/${encodeURIComponent(code)}/findings`);
      } catch (e) {
        // The project is visible (asked above), so a 404 here means it has never been checked.
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled: visible,
  });
  const rules = usePackRules(project.data ? [project.data.policyPack] : []);

  if (project.error) return <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />;
  if (!project.data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const requested = params.get('tab') as Tab | null;
  const tabs: { key: Tab; label: string; children: React.ReactNode }[] = [
    {
      key: 'findings',
      label: t('projects.tab.findings'),
      children: findings.error ? (
        <ErrorAlert error={findings.error} onRetry={() => void findings.refetch()} />
      ) : findings.isPending ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : findings.data ? (
        <FindingsTable code={code} findings={findings.data.findings} rules={rules.rules} />
      ) : (
        <Empty description={t('projects.detail.notChecked')} data-testid="project-not-checked">
          <Typography.Text type="secondary">{t('projects.detail.notCheckedHint')}</Typography.Text>
        </Empty>
      ),
    },
    { key: 'history', label: t('projects.tab.history'), children: <HistoryTimeline code={code} /> },
    ...(can('bindings:read')
      ? [
          {
            key: 'bindings' as const,
            label: t('projects.tab.bindings'),
            children: <BindingsTable code={code} />,
          },
        ]
      : []),
    ...(can('exemptions:read')
      ? [
          {
            key: 'exemptions' as const,
            label: t('projects.tab.exemptions'),
            children: <ExemptionsPanel code={code} rules={rules.rules} />,
          },
        ]
      : []),
    // GET /api/disputes asks for reviews:read.
    ...(can('reviews:read')
      ? [
          {
            key: 'disputes' as const,
            label: t('projects.tab.disputes'),
            children: <DisputesPanel code={code} findings={findings.data?.findings ?? []} />,
          },
        ]
      : []),
  ];
  const active = tabs.some((tab) => tab.key === requested) ? requested! : 'findings';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/projects">
        <ArrowLeftOutlined /> {t('projects.detail.back')}
      </Link>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="project-title">
            {project.data.name}
          </Typography.Title>
        }
      >
        <ProjectHeader project={project.data} findings={findings.data} />
      </Card>
      {project.data.untrustedRecords && project.data.untrustedRecords.length > 0 && (
        <UntrustedRecordsCard records={project.data.untrustedRecords} />
      )}
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (key === 'findings') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={tabs}
        />
      </Card>
    </Space>
  );
}

/** The project's records that failed their contract: still its evidence, never trusted. */
function UntrustedRecordsCard({ records }: { records: UntrustedRecordView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={t('projects.untrusted.title')} data-testid="project-untrusted">
      <Typography.Paragraph type="secondary">{t('projects.untrusted.hint')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {records.map((r) => (
          <Alert
            key={`${r.source}/${r.kind}/${r.externalId}`}
            type="warning"
            showIcon
            data-testid={`untrusted-${r.externalId}`}
            title={
              <Space wrap>
                <Tag>{pick(r.sourceTitle, i18n.language)}</Tag>
                <Typography.Text code>{r.externalId}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('projects.untrusted.binding')}: {r.binding}
                </Typography.Text>
              </Space>
            }
            description={pick(r.reason, i18n.language)}
          />
        ))}
      </Space>
    </Card>
  );
}
