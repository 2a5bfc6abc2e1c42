import { hub } from '../../api/hub';
import { pick } from '@hub/vocabulary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Time, VERDICTS, VerdictTag } from '../../components/common';
import { formatTime } from '../../time';
import {
  opinionKey,
  type OpinionDocument,
  type OpinionFinding,
  type OpinionRemarksInput,
  REVIEW_SECTIONS,
  type ReviewSection,
} from './review.types';

const ORDINALS = ['一', '二', '三', '四', '五'];
const CHANGE_COLORS: Record<string, string> = {
  new: 'error',
  fixed: 'success',
  'still-failing': 'warning',
  unchanged: 'default',
};

/** The fixed columns of a findings table (826 px) plus at least 260 px for the reason: it fits 1440 px. */
const FINDINGS_WIDTH = 1086;

function FindingsTable({ findings }: { findings: OpinionFinding[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns: ColumnsType<OpinionFinding> = [
    {
      title: t('reviews.ruleId'),
      dataIndex: 'ruleId',
      width: 240,
      render: (id: string, f) => (
        <>
          <Typography.Text code>{id}</Typography.Text>
          <div>{pick(f.title, lang)}</div>
        </>
      ),
    },
    { title: t('reviews.clause'), dataIndex: 'clause', width: 100 },
    {
      title: t('reviews.severity'),
      dataIndex: 'severity',
      width: 76,
      render: (v: string) => t(`vocabulary.severity.${v}`),
    },
    {
      title: t('reviews.verdict'),
      key: 'verdict',
      width: 100,
      render: (_, f) => (
        <Space size={4} wrap>
          <VerdictTag verdict={f.verdict} />
          {f.warningOnly ? <Tag>{t('reviews.warningOnly')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('reviews.reason'),
      key: 'reason',
      render: (_, f) => (
        <>
          <div>{pick(f.reason, lang)}</div>
          {f.exemption ? (
            <Typography.Text type="secondary">
              {t('reviews.exemption')}：{f.exemption.documentNo}（{f.exemption.authority}）
            </Typography.Text>
          ) : null}
          {f.dispute ? (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('reviews.dispute')}：{f.dispute.reason}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('reviews.evidence'),
      key: 'evidence',
      width: 220,
      render: (_, f) =>
        f.evidence.length === 0 ? (
          <Typography.Text type="secondary">{t('reviews.noEvidence')}</Typography.Text>
        ) : (
          f.evidence.map((e) => (
            <Tooltip
              key={`${e.source}/${e.kind}/${e.externalId}`}
              title={`${t('reviews.fetchedAt')} ${formatTime(e.fetchedAt)} · sha256 ${e.contentHash.slice(0, 12)}`}
            >
              <div data-testid="evidence">
                {pick(e.sourceTitle, lang)} · {e.kind} {e.externalId}
              </div>
            </Tooltip>
          ))
        ),
    },
    {
      title: t('reviews.change'),
      dataIndex: 'change',
      width: 90,
      render: (v: string | null) =>
        v ? <Tag color={CHANGE_COLORS[v]}>{t(`reviews.changes.${v}`)}</Tag> : null,
    },
  ];
  return (
    <Table<OpinionFinding>
      rowKey="ruleId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={findings}
      // Every column but the reason has its width, so no title shrinks to a character; the reason
      // takes what is left (at least 260 px) and the table scrolls sideways below that.
      tableLayout="fixed"
      scroll={{ x: FINDINGS_WIDTH }}
    />
  );
}

type RemarkForm = { conclusion: string } & Record<ReviewSection, string>;

/**
 * The opinion (技术审查意见) as the hub drafts it: conclusion, counts, the five sections with their
 * findings and evidence, and the reviewer's remarks, which a reviewer may edit until the decision.
 */
export function OpinionPanel({
  reviewId,
  opinion,
  editable,
}: {
  reviewId: string;
  opinion: OpinionDocument;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<RemarkForm>();
  const save = useMutation({
    mutationFn: (body: OpinionRemarksInput) =>
      hub.patch('/api/reviews/{id}/opinion', body, { path: { id: reviewId } }),
    onSuccess: (doc) => {
      client.setQueryData(opinionKey(reviewId), doc);
      setEditing(false);
      void message.success(t('reviews.opinionSaved'));
    },
  });
  const byDomain = new Map(opinion.sections.map((s) => [s.domain, s]));
  const shown = editing ? REVIEW_SECTIONS : REVIEW_SECTIONS.filter((d) => byDomain.has(d));
  const initial: RemarkForm = {
    conclusion: opinion.remarks?.conclusion ?? '',
    ...(Object.fromEntries(REVIEW_SECTIONS.map((d) => [d, byDomain.get(d)?.remark ?? ''])) as Record<
      ReviewSection,
      string
    >),
  };
  const submit = (values: RemarkForm) => {
    const { conclusion, ...sections } = values;
    save.mutate({
      conclusion: conclusion ?? '',
      sections: Object.fromEntries(REVIEW_SECTIONS.map((d) => [d, sections[d] ?? ''])),
    });
  };
  const sectionTitle = (domain: ReviewSection, index: number) => {
    const section = byDomain.get(domain);
    return `${ORDINALS[index] ?? index + 1}、${section ? pick(section.title, lang) : t(`common.domain.${domain}`)}`;
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} component={false}>
      <Card
        title={t('reviews.opinion')}
        extra={
          editable && opinion.status === 'draft' ? (
            editing ? (
              <Space>
                <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
                <Button
                  type="primary"
                  data-testid="opinion-save"
                  loading={save.isPending}
                  onClick={() => form.submit()}
                >
                  {t('reviews.saveOpinion')}
                </Button>
              </Space>
            ) : (
              <Button
                data-testid="opinion-edit"
                onClick={() => {
                  form.setFieldsValue(initial);
                  setEditing(true);
                }}
              >
                {t('reviews.editOpinion')}
              </Button>
            )
          ) : null
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {opinion.status === 'draft' ? (
            <Typography.Text type="secondary">{t('reviews.opinionDraftHint')}</Typography.Text>
          ) : null}
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('reviews.status')}>
              <Tag color={opinion.status === 'decided' ? 'blue' : 'gold'}>
                {opinion.status === 'decided' ? t('reviews.signed') : t('reviews.draft')}
              </Tag>
              {opinion.decision ? pick(opinion.decision.title, lang) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.checkedAt')}>
              <Time value={opinion.checkedAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.verdict')}>
              <Tag color={opinion.ready ? 'success' : 'error'} data-testid="opinion-ready">
                {opinion.ready ? t('reviews.ready') : t('reviews.notReady')}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.blocking')}>
              {opinion.blockingRuleIds.length ? opinion.blockingRuleIds.join('、') : t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.counts')} span={2}>
              <Space wrap>
                {VERDICTS.map((v) => (
                  <span key={v}>
                    <VerdictTag verdict={v} /> {opinion.counts[v] ?? 0}
                  </span>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>

          <div>
            <Typography.Title level={5}>{t('reviews.conclusionRemark')}</Typography.Title>
            {editing ? (
              <Form.Item name="conclusion" noStyle>
                <Input.TextArea rows={3} maxLength={10_000} data-testid="remark-conclusion" />
              </Form.Item>
            ) : opinion.remarks?.conclusion ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="conclusion-remark">
                {opinion.remarks.conclusion}
              </Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            )}
            {opinion.remarks ? (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('reviews.remarksBy', {
                  by: opinion.remarks.updatedBy,
                  at: formatTime(opinion.remarks.updatedAt),
                })}
              </Typography.Text>
            ) : null}
          </div>

          {shown.map((domain) => {
            const section = byDomain.get(domain);
            return (
              <Card
                key={domain}
                size="small"
                type="inner"
                title={sectionTitle(domain, REVIEW_SECTIONS.indexOf(domain))}
                data-testid={`opinion-section-${domain}`}
              >
                {section && section.findings.length > 0 ? (
                  <FindingsTable findings={section.findings} />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.noFindings')} />
                )}
                <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
                  {t('reviews.sectionRemark')}
                </Typography.Text>
                {editing ? (
                  <Form.Item name={domain} noStyle>
                    <Input.TextArea
                      rows={2}
                      maxLength={10_000}
                      placeholder={t('reviews.remarkPlaceholder')}
                      data-testid={`remark-${domain}`}
                    />
                  </Form.Item>
                ) : section?.remark ? (
                  <Typography.Paragraph
                    style={{ whiteSpace: 'pre-wrap' }}
                    data-testid={`section-remark-${domain}`}
                  >
                    {section.remark}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                )}
              </Card>
            );
          })}
        </Space>
      </Card>
    </Form>
  );
}
