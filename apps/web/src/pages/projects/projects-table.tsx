import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Time, VERDICT_COLORS } from '../../components/common';
import type { PortfolioItem, PortfolioPage } from './project.types';
import { PAGE_SIZES } from './project-filters';
import { PackLabel } from './use-packs';

export function ReadinessTag({ ready }: { ready: boolean | null }) {
  const { t } = useTranslation();
  if (ready === null) return <Tag>{t('projects.readiness.unchecked')}</Tag>;
  return ready ? (
    <Tag color="success">{t('projects.readiness.ready')}</Tag>
  ) : (
    <Tag color="error">{t('projects.readiness.notReady')}</Tag>
  );
}

function Count({ n, color }: { n: number; color: string }) {
  return n > 0 ? <Typography.Text style={{ color, fontWeight: 600 }}>{n}</Typography.Text> : <span>0</span>;
}

interface Props {
  data: PortfolioPage | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** One page of projects with their readiness and failing counts, from GET /api/portfolio. */
export function ProjectsTable({ data, loading, onPage }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<PortfolioItem> = [
    {
      title: t('projects.col.code'),
      dataIndex: 'code',
      width: 160,
      render: (code: string) => <Link to={`/projects/${code}`}>{code}</Link>,
    },
    {
      title: t('projects.col.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/projects/${row.code}`}>{name}</Link>,
    },
    {
      title: t('projects.col.unit'),
      dataIndex: 'unitName',
      render: (unitName: string, row) => (
        <Tooltip title={row.unitCode}>
          <span>{unitName}</span>
        </Tooltip>
      ),
    },
    { title: t('projects.col.region'), dataIndex: 'region', width: 90 },
    {
      title: t('projects.col.pack'),
      dataIndex: 'packId',
      width: 90,
      render: (pack: string) => <PackLabel id={pack} />,
    },
    { title: t('projects.col.budget'), dataIndex: 'investment', width: 130, align: 'right' },
    {
      title: t('projects.col.readiness'),
      dataIndex: 'ready',
      width: 150,
      render: (ready: boolean | null) => <ReadinessTag ready={ready} />,
    },
    {
      title: t('projects.col.fail'),
      key: 'fail',
      width: 80,
      align: 'right',
      render: (_, row) => <Count n={row.counts.FAIL} color={VERDICT_COLORS.FAIL} />,
    },
    {
      title: t('projects.col.unknown'),
      key: 'unknown',
      width: 90,
      align: 'right',
      render: (_, row) => <Count n={row.counts.UNKNOWN} color={VERDICT_COLORS.UNKNOWN} />,
    },
    {
      title: t('projects.col.lastChecked'),
      dataIndex: 'checkedAt',
      width: 150,
      render: (at: string | null) => <Time value={at} />,
    },
  ];
  return (
    <Table<PortfolioItem>
      data-testid="projects-table"
      rowKey="code"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: 1100 }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? PAGE_SIZES[0],
        total: data?.total ?? 0,
        pageSizeOptions: PAGE_SIZES.map(String),
        showSizeChanger: true,
        showTotal: (total) => t('projects.total', { count: total }),
        onChange: onPage,
      }}
    />
  );
}
