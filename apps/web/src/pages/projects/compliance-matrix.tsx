import { Pagination, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { VERDICT_COLORS, VERDICTS, type Verdict } from '../../components/common';
import type { PackId, PortfolioItem, PortfolioPage, ReviewDomain, RuleView } from './project.types';
import { pick } from './project.types';
import { PAGE_SIZES } from './project-filters';

const CELL = 22;

function Cell({ verdict, rule, row }: { verdict: Verdict | undefined; rule: RuleView; row: PortfolioItem }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const label = verdict ? t(`vocabulary.verdict.${verdict}`) : t('projects.matrix.notJudged');
  return (
    <Tooltip title={`${row.code} · ${rule.id} ${pick(rule.title, i18n.language)}：${label}`}>
      <div
        role="link"
        tabIndex={0}
        aria-label={`${row.code} ${rule.id} ${label}`}
        data-testid={`matrix-cell-${row.code}-${rule.id}`}
        data-verdict={verdict ?? ''}
        onClick={() => void navigate(`/projects/${row.code}`)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void navigate(`/projects/${row.code}`);
        }}
        style={{
          width: CELL,
          height: CELL,
          margin: '0 auto',
          borderRadius: 3,
          cursor: 'pointer',
          background: verdict ? VERDICT_COLORS[verdict] : 'transparent',
          border: verdict ? 'none' : '1px dashed #d9d9d9',
        }}
      />
    </Tooltip>
  );
}

interface Props {
  data: PortfolioPage | undefined;
  loading: boolean;
  rules: RuleView[];
  /** the pack chosen in the filters; otherwise the packs of the projects on the page */
  pack: PackId | undefined;
  domain: ReviewDomain | undefined;
  onPage: (page: number, pageSize: number) => void;
}

/**
 * Projects × rules of the page in view, each cell the rule's latest verdict in its colour. Paged like
 * the table, so it stays readable with thousands of projects.
 */
export function ComplianceMatrix({ data, loading, rules, pack, domain, onPage }: Props) {
  const { t } = useTranslation();
  const rows = data?.items ?? [];
  const packs = pack ? [pack] : [...new Set(rows.map((r) => r.packId))];
  const shown = rules.filter((r) => packs.includes(r.pack) && (!domain || r.domain.id === domain));
  const columns: ColumnsType<PortfolioItem> = [
    {
      title: t('projects.col.code'),
      dataIndex: 'code',
      fixed: 'left',
      width: 170,
      render: (code: string, row) => (
        <Tooltip title={row.name}>
          <Link to={`/projects/${code}`}>{code}</Link>
        </Tooltip>
      ),
    },
    ...shown.map((rule): ColumnsType<PortfolioItem>[number] => ({
      key: rule.id,
      width: 44,
      align: 'center',
      title: (
        <Tooltip title={`${rule.id} ${rule.title.zh} / ${rule.title.en}`}>
          <span style={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap', fontSize: 12 }}>{rule.id}</span>
        </Tooltip>
      ),
      render: (_, row) => <Cell verdict={row.verdicts[rule.id]} rule={rule} row={row} />,
    })),
  ];
  return (
    <div data-testid="projects-matrix">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('projects.matrix.hint')}</Typography.Text>
        <Typography.Text type="secondary">{t('projects.matrix.legend')}:</Typography.Text>
        {VERDICTS.map((v) => (
          <Space key={v} size={4}>
            <span
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                borderRadius: 2,
                background: VERDICT_COLORS[v],
              }}
            />
            {t(`vocabulary.verdict.${v}`)}
          </Space>
        ))}
      </Space>
      <Table<PortfolioItem>
        rowKey="code"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 170 + shown.length * 44 }}
      />
      <Pagination
        style={{ marginTop: 12, justifyContent: 'flex-end' }}
        current={data?.page ?? 1}
        pageSize={data?.pageSize ?? PAGE_SIZES[0]}
        total={data?.total ?? 0}
        pageSizeOptions={PAGE_SIZES.map(String)}
        showSizeChanger
        showTotal={(total) => t('projects.total', { count: total })}
        onChange={onPage}
      />
    </div>
  );
}
