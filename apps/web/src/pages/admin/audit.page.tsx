import { hub } from '../../api/hub';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, Forbidden, QueryState, Time } from '../../components/common';
import { BEIJING } from '../../time';
import { type AuditEntry, type AuditPage, type AuditVerification, pick } from './admin.types';

const TEXT_FILTERS = ['actor', 'action', 'objectType', 'objectId'] as const;
const PAGE_SIZE = 50;

interface FilterForm {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** A picked wall-clock time read as Beijing time, whatever the browser's zone. */
function beijingIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), BEIJING).toISOString();
}
/** An instant as the Beijing wall-clock time a picker shows. */
function beijingPickerValue(iso: string | null): Dayjs | null {
  return iso ? dayjs(dayjs(iso).tz(BEIJING).format('YYYY-MM-DDTHH:mm:ss')) : null;
}

function VerifyResult({ result }: { result: AuditVerification }) {
  const { t, i18n } = useTranslation();
  const { keyedFrom, checkpoints } = result;
  return (
    <div data-testid="audit-verify-result">
      <Alert
        type={result.ok ? 'success' : 'error'}
        showIcon
        title={
          result.ok
            ? t('admin.audit.verifyOk', { entries: result.entries })
            : result.firstBroken?.seq
              ? t('admin.audit.verifyBroken', { entries: result.entries, seq: result.firstBroken.seq })
              : t('admin.audit.verifyBrokenTrail', { entries: result.entries })
        }
        description={
          <Space orientation="vertical" size={2}>
            {result.problems.map((p, i) => (
              <Typography.Text key={i} type="danger">
                {pick(p.message, i18n.language)}
              </Typography.Text>
            ))}
            {result.moreProblems ? (
              <Typography.Text type="danger">
                {t('admin.audit.moreProblems', { n: result.moreProblems })}
              </Typography.Text>
            ) : null}
            {keyedFrom ? (
              <Typography.Text type="secondary">
                {t('admin.audit.keyedFrom', { seq: keyedFrom.seq, unkeyed: keyedFrom.unkeyedEntries })}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary">
              {checkpoints.latest
                ? t('admin.audit.checkpoints', {
                    checked: checkpoints.checked,
                    count: checkpoints.latest.count,
                    seq: checkpoints.latest.seq,
                  })
                : t('admin.audit.noCheckpoint')}
            </Typography.Text>
            {result.warnings.map((w, i) => (
              <Typography.Text key={i} type="warning">
                {pick(w, i18n.language)}
              </Typography.Text>
            ))}
          </Space>
        }
      />
    </div>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => hub.get('/api/audit/verify') });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button
        icon={<SafetyCertificateOutlined />}
        data-testid="audit-verify"
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('admin.audit.verify')}
      </Button>
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {verify.data ? <VerifyResult result={verify.data} /> : null}
    </Space>
  );
}

/**
 * 审计日志: the append-only trail, newest first, filtered by actor, action, object and time (all in
 * the URL), and a check of its hash chain.
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { can, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterForm>();
  const filter = {
    ...Object.fromEntries(TEXT_FILTERS.map((k) => [k, params.get(k) ?? undefined])),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const entries = useQuery({
    queryKey: ['audit', filter, page],
    queryFn: () => hub.get('/api/audit', { query: { ...filter, page, pageSize: PAGE_SIZE } }),
    enabled: can('audit:read'),
    placeholderData: (previous) => previous,
  });
  if (!can('audit:read')) return loading ? null : <Forbidden />;

  const apply = (v: FilterForm) => {
    const next = new URLSearchParams();
    for (const k of TEXT_FILTERS) if (v[k]?.trim()) next.set(k, v[k].trim());
    if (v.range?.[0]) next.set('from', beijingIso(v.range[0]));
    if (v.range?.[1]) next.set('to', beijingIso(v.range[1]));
    setParams(next);
  };
  return (
    <Card title={t('admin.audit.title')} extra={<VerifyChain />}>
      <Form<FilterForm>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{
          ...Object.fromEntries(TEXT_FILTERS.map((k) => [k, params.get(k) ?? ''])),
          range: [beijingPickerValue(filter.from ?? null), beijingPickerValue(filter.to ?? null)],
        }}
        onFinish={apply}
      >
        {TEXT_FILTERS.map((k) => (
          <Form.Item key={k} name={k} label={t(`admin.audit.${k}`)}>
            <Input allowClear data-testid={`audit-filter-${k}`} style={{ width: 150 }} />
          </Form.Item>
        ))}
        <Form.Item name="range" label={t('admin.audit.timeRange')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} data-testid="audit-filter-range" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue({ actor: '', action: '', objectType: '', objectId: '', range: null });
              setParams(new URLSearchParams());
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      <QueryState query={entries}>
        {(data) => (
          <div data-testid="audit-table">
            <Table<AuditEntry>
              rowKey="seq"
              size="small"
              dataSource={data.items}
              loading={entries.isFetching}
              expandable={{
                expandedRowRender: (e) => (
                  <pre style={{ margin: 0, fontSize: 12, maxHeight: 320, overflow: 'auto' }}>
                    {JSON.stringify(e.data, null, 2)}
                  </pre>
                ),
              }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data.total,
                showSizeChanger: false,
                showTotal: (total) => t('admin.audit.total', { total }),
                onChange: (p) =>
                  setParams((prev) => {
                    prev.set('page', String(p));
                    return prev;
                  }),
              }}
              columns={[
                { title: t('admin.audit.seq'), dataIndex: 'seq', width: 64 },
                {
                  title: t('admin.audit.at'),
                  dataIndex: 'at',
                  width: 140,
                  render: (at: string) => <Time value={at} />,
                },
                { title: t('admin.audit.actor'), dataIndex: 'actor', width: 120 },
                {
                  title: t('admin.audit.action'),
                  dataIndex: 'action',
                  width: 220,
                  render: (a: string, e: AuditEntry) => (
                    <span title={a}>
                      {pick(e.actionTitle, i18n.language)}{' '}
                      <Typography.Text type="secondary" code>
                        {a}
                      </Typography.Text>
                    </span>
                  ),
                },
                { title: t('admin.audit.objectType'), dataIndex: 'objectType', width: 130 },
                { title: t('admin.audit.objectId'), dataIndex: 'objectId' },
                {
                  title: t('admin.audit.hash'),
                  dataIndex: 'hash',
                  width: 110,
                  render: (h: string) => (
                    <Typography.Text code copyable={{ text: h }}>
                      {h.slice(0, 8)}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </div>
        )}
      </QueryState>
    </Card>
  );
}
