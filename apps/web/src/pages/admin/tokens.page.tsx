import { hub } from '../../api/hub';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, errorMessage, Forbidden, QueryState, Time } from '../../components/common';
import type { TokenView } from './admin.types';
import { OneTimeSecret } from './one-time-secret';

const STATUS_COLORS: Record<TokenView['status'], string> = {
  active: 'success',
  expired: 'default',
  revoked: 'error',
};

interface TokenForm {
  name: string;
  expiresInDays: number;
  username?: string;
}

/**
 * Issue a token: the form, then — once the hub answers — the token itself, shown this one time. The
 * secret lives only in this component's state and is dropped when the dialog closes.
 */
function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const [form] = Form.useForm<TokenForm>();
  const [issued, setIssued] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: TokenForm) =>
      api.post<TokenView & { token: string }>('/api/tokens', {
        name: v.name.trim(),
        expiresInDays: v.expiresInDays,
        ...(v.username?.trim() ? { username: v.username.trim() } : {}),
      }),
    onSuccess: (r) => {
      setIssued(r.token);
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const close = () => {
    setIssued(null);
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={issued ? t('admin.tokens.issuedTitle') : t('admin.tokens.create')}
      onCancel={issued ? undefined : close}
      closable={!issued}
      mask={{ closable: !issued }}
      destroyOnHidden
      footer={
        issued ? (
          <Button type="primary" data-testid="token-close" onClick={close}>
            {t('admin.tokens.close')}
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={close}>
              {t('common.cancel')}
            </Button>,
            <Button
              key="ok"
              type="primary"
              data-testid="token-submit"
              loading={create.isPending}
              onClick={() => form.submit()}
            >
              {t('admin.tokens.submit')}
            </Button>,
          ]
        )
      }
    >
      {issued ? (
        <OneTimeSecret value={issued} warning={t('admin.tokens.issuedWarning')} testId="token-value" />
      ) : (
        <Form<TokenForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ expiresInDays: 90 }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item
            name="name"
            label={t('admin.tokens.name')}
            extra={t('admin.tokens.nameHint')}
            rules={[{ required: true, whitespace: true, message: t('admin.tokens.nameRequired') }]}
          >
            <Input data-testid="token-name" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('admin.tokens.expiresInDays')}
            rules={[{ required: true }]}
          >
            <InputNumber data-testid="token-days" min={1} max={365} precision={0} />
          </Form.Item>
          {can('tokens:manage') ? (
            <Form.Item name="username" label={t('admin.tokens.owner')} extra={t('admin.tokens.ownerHint')}>
              <Input data-testid="token-owner" autoComplete="off" />
            </Form.Item>
          ) : null}
          {create.error ? <ErrorAlert error={create.error} /> : null}
        </Form>
      )}
    </Modal>
  );
}

/** API 令牌: one's own tokens (administrators: everyone's), issued once, revoked at any time. */
export default function TokensPage() {
  const { t, i18n } = useTranslation();
  const { can, loading } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => hub.get('/api/tokens'),
    enabled: can('tokens:own'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<TokenView>(`/api/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void message.success(t('admin.tokens.revoked'));
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  if (!can('tokens:own')) return loading ? null : <Forbidden />;
  const all = can('tokens:manage');
  return (
    <Card
      title={t('admin.tokens.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="token-create"
          onClick={() => setCreating(true)}
        >
          {t('admin.tokens.create')}
        </Button>
      }
    >
      {all ? <Typography.Paragraph type="secondary">{t('admin.tokens.allHint')}</Typography.Paragraph> : null}
      <QueryState query={tokens}>
        {(list) => (
          <div data-testid="tokens-table">
            <Table<TokenView>
              rowKey="id"
              size="small"
              dataSource={list}
              pagination={list.length > 50 ? { pageSize: 50 } : false}
              columns={[
                { title: t('admin.tokens.name'), dataIndex: 'name' },
                {
                  title: t('admin.tokens.prefix'),
                  dataIndex: 'prefix',
                  render: (p: string) => <code>{p}…</code>,
                },
                ...(all
                  ? [
                      { title: t('admin.tokens.owner'), dataIndex: 'username' },
                      {
                        title: t('admin.tokens.role'),
                        dataIndex: 'role',
                        render: (r: string) => <Tag>{t(`common.role.${r}`)}</Tag>,
                      },
                    ]
                  : []),
                {
                  title: t('admin.tokens.status'),
                  dataIndex: 'status',
                  render: (s: TokenView['status']) => (
                    <Tag color={STATUS_COLORS[s]}>{t(`admin.tokens.statusValue.${s}`)}</Tag>
                  ),
                },
                {
                  title: t('admin.tokens.expiresAt'),
                  dataIndex: 'expiresAt',
                  render: (at: string) => <Time value={at} />,
                },
                {
                  title: t('admin.tokens.lastUsed'),
                  dataIndex: 'lastUsedAt',
                  render: (at: string | null) => <Time value={at} />,
                },
                {
                  title: t('admin.tokens.createdAt'),
                  dataIndex: 'createdAt',
                  render: (at: string) => <Time value={at} />,
                },
                { title: t('admin.tokens.createdBy'), dataIndex: 'createdBy' },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_, tk) =>
                    tk.status === 'active' ? (
                      <Popconfirm
                        title={t('admin.tokens.revokeConfirm', { name: tk.name })}
                        okButtonProps={{ danger: true, ...{ 'data-testid': 'token-revoke-confirm' } }}
                        onConfirm={() => revoke.mutate(tk.id)}
                      >
                        <Button type="link" danger size="small" data-testid={`token-revoke-${tk.id}`}>
                          {t('admin.tokens.revoke')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          </div>
        )}
      </QueryState>
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
