import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth';
import { leastTableWidth, VERDICTS, VerdictTag } from '../../components/common';
import { DisputeModal } from './dispute-modal';
import { EvidenceDrawer } from './evidence-drawer';
import type { FindingView, RuleView } from './project.types';
import { pick } from './project.types';

const CONTESTABLE = new Set(['FAIL', 'UNKNOWN']);
/** Failing first: what stands in the way of acceptance is what a reader looks for. */
const ORDER = new Map(VERDICTS.map((v, i) => [v, i]));

interface Props {
  code: string;
  findings: FindingView[];
  /** the pack's catalogue, for each clause's requirement in full */
  rules: RuleView[];
}

/** Every finding of the project's latest check, with its clause, reason and evidence. */
export function FindingsTable({ code, findings, rules }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const lang = i18n.language;
  const [open, setOpen] = useState<FindingView | null>(null);
  const [disputing, setDisputing] = useState<string | null>(null);
  const catalogue = new Map(rules.map((r) => [r.id, r]));
  const sorted = [...findings].sort(
    (a, b) => (ORDER.get(a.verdict) ?? 9) - (ORDER.get(b.verdict) ?? 9) || a.ruleId.localeCompare(b.ruleId),
  );
  const contestable = findings.filter((f) => CONTESTABLE.has(f.verdict));

  const columns: ColumnsType<FindingView> = [
    {
      title: t('projects.finding.verdict'),
      dataIndex: 'verdict',
      width: 120,
      filters: VERDICTS.map((v) => ({ text: t(`vocabulary.verdict.${v}`), value: v })),
      onFilter: (value, f) => f.verdict === value,
      render: (verdict: string, f) => (
        <Space size={2} wrap>
          <VerdictTag verdict={verdict} />
          {f.warningOnly && <Tag>{t('projects.finding.warningOnly')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('projects.finding.rule'),
      dataIndex: 'ruleId',
      width: 240,
      render: (ruleId: string, f) => (
        <>
          <Typography.Text code>{ruleId}</Typography.Text>
          <div>{pick(f.title, lang)}</div>
        </>
      ),
    },
    {
      title: t('projects.finding.severity'),
      dataIndex: 'severity',
      width: 76,
      render: (s: string) =>
        s === 'blocking' ? (
          <Tag color="red">{t('vocabulary.severity.blocking')}</Tag>
        ) : (
          <Tag>{t('vocabulary.severity.advisory')}</Tag>
        ),
    },
    {
      title: t('projects.finding.clause'),
      dataIndex: 'clause',
      width: 120,
      render: (clause: string, f) => {
        const requirement = catalogue.get(f.ruleId)?.requirement;
        return (
          <Tooltip title={requirement ? `${clause}：${pick(requirement, lang)}` : clause}>
            <Typography.Text ellipsis style={{ maxWidth: 104 }} data-testid={`finding-clause-${f.ruleId}`}>
              {clause}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    {
      title: t('projects.finding.reason'),
      dataIndex: 'reason',
      render: (reason: FindingView['reason']) => (
        <Typography.Paragraph
          ellipsis={{ rows: 2, expandable: true, symbol: t('common.details') }}
          style={{ margin: 0 }}
        >
          {pick(reason, lang)}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('projects.finding.evidence'),
      key: 'evidence',
      width: 110,
      render: (_, f) => (
        <Button
          size="small"
          icon={<FileSearchOutlined />}
          onClick={() => setOpen(f)}
          data-testid={`finding-evidence-${f.ruleId}`}
        >
          {f.evidence.length
            ? t('projects.finding.evidenceCount', { count: f.evidence.length })
            : t('projects.finding.noEvidence')}
        </Button>
      ),
    },
    ...(can('disputes:raise')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, f: FindingView) =>
              CONTESTABLE.has(f.verdict) ? (
                <Button
                  size="small"
                  onClick={() => setDisputing(f.ruleId)}
                  data-testid={`finding-dispute-${f.ruleId}`}
                >
                  {t('projects.finding.dispute')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <Table<FindingView>
        data-testid="findings-table"
        rowKey="ruleId"
        size="middle"
        columns={columns}
        dataSource={sorted}
        pagination={false}
        // The reason takes what the other columns leave, at least 240 px; below that the table scrolls.
        tableLayout="fixed"
        scroll={{ x: leastTableWidth(columns, { flexMin: 240, expandable: true }) }}
        expandable={{
          expandedRowRender: (f) => {
            const rule = catalogue.get(f.ruleId);
            return (
              <Space orientation="vertical" size={4}>
                <div>
                  <Typography.Text strong>{t('projects.finding.clause')}：</Typography.Text>
                  {f.clause}
                </div>
                {rule && (
                  <div>
                    <Typography.Text strong>{t('projects.finding.requirement')}：</Typography.Text>
                    {pick(rule.requirement, lang)}
                  </div>
                )}
                <div>
                  <Typography.Text strong>{t('projects.finding.basis')}：</Typography.Text>
                  {f.basis}
                  {rule?.basisNote ? `（${pick(rule.basisNote, lang)}）` : ''}
                </div>
              </Space>
            );
          },
        }}
      />
      <EvidenceDrawer code={code} finding={open} onClose={() => setOpen(null)} />
      {can('disputes:raise') && (
        <DisputeModal
          code={code}
          findings={contestable}
          ruleId={disputing}
          onClose={() => setDisputing(null)}
        />
      )}
    </>
  );
}
