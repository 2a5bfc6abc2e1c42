import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DivisionName, Time, VERDICT_COLORS } from '../../components/common';
import type { PortfolioItem, PortfolioPage } from './project.types';
import { PAGE_SIZES } from './project-filters';
import { PackLabel } from './pack-label';

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

/**
 * The widths of the table's columns: every row one line, so a screen of 1440×900 shows a screenful of
 * projects. Names and units take what is left and end in an ellipsis (the whole text in a tooltip);
 * below `MIN_WIDTH` the table scrolls sideways rather than wrap.
 */
const WIDTH = {
  code: 124,
  unit: 140,
  region: 128,
  pack: 60,
  budget: 116,
  readiness: 116,
  fail: 60,
  unknown: 74,
  lastChecked: 136,
};
/** The width of the table on a 1440 px screen (the sider and paddings taken off); narrower scrolls. */
const MIN_WIDTH = 1136;

/** One page of projects with their readiness and failing counts, from GET /api/portfolio. */
export function ProjectsTable({ data, loading, onPage }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<PortfolioItem> = [
    {
      title: t('projects.col.code'),
      dataIndex: 'code',
      width: WIDTH.code,
      render: (code: string) => <Link to={`/projects/${code}`}>{code}</Link>,
    },
    {
      title: t('projects.col.name'),
      dataIndex: 'name',
      ellipsis: { showTitle: false },
      render: (name: string, row) => (
        <Tooltip title={name} placement="topLeft">
          <Link to={`/projects/${row.code}`}>{name}</Link>
        </Tooltip>
      ),
    },
    {
      title: t('projects.col.unit'),
      dataIndex: 'unitName',
      width: WIDTH.unit,
      ellipsis: { showTitle: false },
      render: (unitName: string, row) => (
        <Tooltip title={`${unitName} · ${row.unitCode}`} placement="topLeft">
          <span>{unitName}</span>
        </Tooltip>
      ),
    },
    {
      title: t('projects.col.region'),
      dataIndex: 'region',
      width: WIDTH.region,
      ellipsis: { showTitle: false },
      render: (region: string) => <DivisionName code={region} />,
    },
    {
      title: t('projects.col.pack'),
      dataIndex: 'packId',
      width: WIDTH.pack,
      render: (pack: string) => <PackLabel id={pack} />,
    },
    { title: t('projects.col.budget'), dataIndex: 'investment', width: WIDTH.budget, align: 'right' },
    {
      title: t('projects.col.readiness'),
      dataIndex: 'ready',
      width: WIDTH.readiness,
      render: (ready: boolean | null) => <ReadinessTag ready={ready} />,
    },
    {
      title: t('projects.col.fail'),
      key: 'fail',
      width: WIDTH.fail,
      align: 'right',
      render: (_, row) => <Count n={row.counts.FAIL} color={VERDICT_COLORS.FAIL} />,
    },
    {
      title: t('projects.col.unknown'),
      key: 'unknown',
      width: WIDTH.unknown,
      align: 'right',
      render: (_, row) => <Count n={row.counts.UNKNOWN} color={VERDICT_COLORS.UNKNOWN} />,
    },
    {
      title: t('projects.col.lastChecked'),
      dataIndex: 'checkedAt',
      width: WIDTH.lastChecked,
      render: (at: string | null) => <Time value={at} />,
    },
  ];
  return (
    <Table<PortfolioItem>
      data-testid="projects-table"
      rowKey="code"
      size="small"
      tableLayout="fixed"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: MIN_WIDTH }}
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
