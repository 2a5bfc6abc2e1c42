import { hub } from '../../api/hub';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { errorMessage, QueryState, Time } from '../../components/common';
import { DecisionModal } from './decision-modal';
import { EXEMPTION_CATEGORIES, type ExemptionView, REVIEW_DOMAINS, type RuleView } from './project.types';
import { pick } from './project.types';

const STATUS_COLORS = {
  requested: 'warning',
  approved: 'success',
  rejected: 'default',
  revoked: 'default',
} as const;

interface RequestForm {
  scope: 'rules' | 'domain';
  ruleIds?: string[];
  domain?: string;
  reasonCategory: string;
  reasonText: string;
  documentNo: string;
  authority: string;
  validity: [Dayjs, Dayjs];
  attachmentRef?: string;
}

function RequestExemption({ code, rules, onDone }: { code: string; rules: RuleView[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RequestForm>();
  const scope = Form.useWatch('scope', form);
  const request = useMutation({
    mutationFn: (v: RequestForm) =>
      api.post('/api/exemptions', {
        projectCode: code,
        ...(v.scope === 'rules' ? { ruleIds: v.ruleIds } : { domain: v.domain }),
        reasonCategory: v.reasonCategory,
        reasonText: v.reasonText.trim(),
        documentNo: v.documentNo.trim(),
        authority: v.authority.trim(),
        validFrom: v.validity[0].format('YYYY-MM-DD'),
        validUntil: v.validity[1].format('YYYY-MM-DD'),
        ...(v.attachmentRef?.trim() ? { attachmentRef: v.attachmentRef.trim() } : {}),
      }),
    onSuccess: () => {
      void message.success(t('projects.exemption.submitted'));
      setOpen(false);
      onDone();
    },
    onError: (e) => void message.error(errorMessage(e, lang)),
  });
  const required = [{ required: true, whitespace: true, message: t('projects.required') }];
  return (
    <>
      <Button
        style={{ marginBottom: 12 }}
        onClick={() => setOpen(true)}
        data-testid="project-request-exemption"
      >
        {t('projects.exemption.request')}
      </Button>
      <Modal
        open={open}
        title={t('projects.exemption.request')}
        okText={t('projects.submit')}
        confirmLoading={request.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        width={640}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ scope: 'rules', reasonCategory: 'other' }}
          onFinish={(v) => request.mutate(v)}
        >
          <Form.Item name="scope" label={t('projects.exemption.scope')}>
            <Radio.Group
              options={[
                { value: 'rules', label: t('projects.exemption.byRules') },
                { value: 'domain', label: t('projects.exemption.byDomain') },
              ]}
            />
          </Form.Item>
          {scope === 'domain' ? (
            <Form.Item
              name="domain"
              label={t('projects.filter.domain')}
              rules={[{ required: true, message: t('projects.required') }]}
            >
              <Select options={REVIEW_DOMAINS.map((d) => ({ value: d, label: t(`common.domain.${d}`) }))} />
            </Form.Item>
          ) : (
            <Form.Item
              name="ruleIds"
              label={t('projects.exemption.rules')}
              rules={[{ required: true, message: t('projects.required') }]}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={rules.map((r) => ({ value: r.id, label: `${r.id} ${pick(r.title, lang)}` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="reasonCategory" label={t('projects.exemption.category')}>
            <Select
              options={EXEMPTION_CATEGORIES.map((c) => ({
                value: c,
                label: t(`projects.exemption.categories.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="reasonText" label={t('projects.exemption.reasonText')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="documentNo" label={t('projects.exemption.documentNo')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="authority" label={t('projects.exemption.authority')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Space>
          <Form.Item
            name="validity"
            label={t('projects.exemption.validity')}
            rules={[{ required: true, message: t('projects.required') }]}
          >
            <DatePicker.RangePicker
              placeholder={[t('projects.exemption.validFrom'), t('projects.exemption.validUntil')]}
            />
          </Form.Item>
          <Form.Item name="attachmentRef" label={t('projects.exemption.attachmentRef')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type Decision = { id: string; action: 'approve' | 'reject' | 'revoke' };

/** 豁免: the project's exemptions, requesting one, and deciding or revoking one. */
export function ExemptionsPanel({ code, rules }: { code: string; rules: RuleView[] }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const exemptions = useQuery({
    queryKey: ['project', code, 'exemptions'],
    queryFn: () => hub.get('/api/exemptions', { query: { projectCode: code } }),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['project', code, 'exemptions'] });
  const decide = useMutation({
    mutationFn: ({ id, action, text }: Decision & { text: string }) =>
      action === 'revoke'
        ? api.post(`/api/exemptions/${id}/revoke`, { reason: text })
        : api.post(`/api/exemptions/${id}/decision`, {
            decision: action,
            ...(text ? { comment: text } : {}),
          }),
    onSuccess: () => {
      setDeciding(null);
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  const columns: ColumnsType<ExemptionView> = [
    {
      title: t('projects.binding.state'),
      dataIndex: 'status',
      width: 120,
      render: (s: ExemptionView['status'], e) => (
        <Space size={2} wrap>
          <Tag color={STATUS_COLORS[s]}>{t(`projects.exemption.status.${s}`)}</Tag>
          {e.isCurrent && <Tag color="blue">{t('projects.exemption.current')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('projects.exemption.rules'),
      dataIndex: 'ruleIds',
      width: 200,
      render: (ids: string[]) => ids.map((id) => <Tag key={id}>{id}</Tag>),
    },
    {
      title: t('projects.exemption.reasonText'),
      key: 'reason',
      render: (_, e) => (
        <>
          <Tag>{t(`projects.exemption.categories.${e.reasonCategory}`)}</Tag>
          {e.reasonText}
        </>
      ),
    },
    {
      title: t('projects.exemption.documentNo'),
      key: 'doc',
      width: 200,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          {e.documentNo}
          <Typography.Text type="secondary">{e.authority}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('projects.exemption.validity'),
      key: 'validity',
      width: 190,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          {`${e.validFrom} ~ ${e.validUntil}`}
          {e.daysLeft !== null && (
            <Typography.Text type={e.daysLeft < 0 ? 'danger' : 'secondary'}>
              {e.daysLeft < 0
                ? t('projects.exemption.expired')
                : t('projects.exemption.daysLeft', { count: e.daysLeft })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('projects.exemption.requestedBy'),
      key: 'requested',
      width: 170,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          {e.requestedBy}
          <Time value={e.requestedAt} />
        </Space>
      ),
    },
    {
      title: t('projects.exemption.decidedBy'),
      key: 'decided',
      width: 190,
      render: (_, e) =>
        e.decidedBy ? (
          <Space orientation="vertical" size={0}>
            {e.decidedBy}
            <Time value={e.decidedAt} />
            {e.decisionComment}
            {e.revocationReason && <Typography.Text type="danger">{e.revocationReason}</Typography.Text>}
          </Space>
        ) : (
          '—'
        ),
    },
    ...(can('exemptions:decide')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, e: ExemptionView) => (
              <Space>
                {e.status === 'requested' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDeciding({ id: e.id, action: 'approve' })}
                      data-testid={`exemption-approve-${e.id}`}
                    >
                      {t('projects.exemption.approve')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setDeciding({ id: e.id, action: 'reject' })}
                      data-testid={`exemption-reject-${e.id}`}
                    >
                      {t('projects.exemption.reject')}
                    </Button>
                  </>
                )}
                {e.status === 'approved' && (
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeciding({ id: e.id, action: 'revoke' })}
                    data-testid={`exemption-revoke-${e.id}`}
                  >
                    {t('projects.exemption.revoke')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {can('exemptions:request') && <RequestExemption code={code} rules={rules} onDone={refresh} />}
      <QueryState query={exemptions}>
        {(rows) => (
          <Table<ExemptionView>
            data-testid="project-exemptions"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('projects.exemption.empty') }}
            scroll={{ x: 1200 }}
          />
        )}
      </QueryState>
      <DecisionModal
        open={deciding !== null}
        title={deciding ? t(`projects.exemption.${deciding.action}`) : ''}
        label={
          deciding?.action === 'revoke'
            ? t('projects.exemption.revokeReason')
            : t('projects.exemption.comment')
        }
        required={deciding?.action === 'revoke'}
        loading={decide.isPending}
        onCancel={() => setDeciding(null)}
        onSubmit={(text) => deciding && decide.mutate({ ...deciding, text })}
      />
    </>
  );
}
