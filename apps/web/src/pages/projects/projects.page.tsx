import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, errorMessage } from '../../components/common';
import { ComplianceMatrix } from './compliance-matrix';
import { FilterBar } from './filter-bar';
import type { PortfolioPage } from './project.types';
import { portfolioQuery } from './project-filters';
import { ProjectsTable } from './projects-table';
import { usePackRules } from './use-pack-rules';
import { type ProjectsView, useProjectFilters } from './use-project-filters';

/** 项目: every project the caller may see (an applicant: its unit's), as a table or a rule matrix. */
export default function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { filters, paging, view, setFilter, setPaging, setView, reset } = useProjectFilters();
  const query = portfolioQuery(filters);
  const portfolio = useQuery({
    queryKey: ['portfolio', query, paging],
    queryFn: () => api.get<PortfolioPage>('/api/portfolio', { query: { ...query, ...paging } }),
    placeholderData: keepPreviousData,
  });
  const rules = usePackRules();
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await api.download('/api/portfolio', 'portfolio.xlsx', {
        query: { ...query, format: 'xlsx' },
      });
      void message.success(t('projects.exported', { name }));
    } catch (e) {
      void message.error(errorMessage(e, i18n.language));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('projects.title')}
        </Typography.Title>
      }
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportXlsx()}
          data-testid="projects-export"
        >
          {t('common.exportXlsx')}
        </Button>
      }
    >
      <FilterBar filters={filters} rules={rules.rules} onChange={setFilter} onReset={reset} />
      {portfolio.error ? (
        <ErrorAlert error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      ) : (
        <Tabs
          activeKey={view}
          onChange={(key) => setView(key as ProjectsView)}
          items={[
            {
              key: 'table',
              label: t('projects.view.table'),
              children: (
                <ProjectsTable data={portfolio.data} loading={portfolio.isFetching} onPage={setPaging} />
              ),
            },
            {
              key: 'matrix',
              label: t('projects.view.matrix'),
              children: rules.error ? (
                <ErrorAlert error={rules.error} />
              ) : (
                <ComplianceMatrix
                  data={portfolio.data}
                  loading={portfolio.isFetching || rules.isPending}
                  rules={rules.rules}
                  pack={filters.pack}
                  domain={filters.domain}
                  onPage={setPaging}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
