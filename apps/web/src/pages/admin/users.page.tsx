import { hub } from '../../api/hub';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { errorMessage, Forbidden, QueryState, Time } from '../../components/common';
import type { UserView, UserWithPassword } from './admin.types';
import { OneTimeSecret } from './one-time-secret';
import { UserFormModal } from './user-form-modal';

/**
 * 用户: everyone who may sign in, their role and unit. With users:manage: create (the one-time
 * password is shown once), edit, disable or enable, and reset to a one-time password.
 */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { can, loading, me } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<UserView | null | 'new'>(null);
  const [secret, setSecret] = useState<UserWithPassword | null>(null);
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => hub.get('/api/users'),
    enabled: can('users:read'),
  });
  const setDisabled = useMutation({
    mutationFn: (v: { user: UserView; disabled: boolean }) =>
      api.patch<UserView>(`/api/users/${encodeURIComponent(v.user.id)}`, { disabled: v.disabled }),
    onSuccess: (u) => {
      void message.success(t('admin.users.updated', { username: u.username }));
      void client.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  const reset = useMutation({
    mutationFn: (user: UserView) =>
      api.post<UserWithPassword>(`/api/users/${encodeURIComponent(user.id)}/password-reset`),
    onSuccess: (r) => {
      setSecret(r);
      void client.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  if (!can('users:read')) return loading ? null : <Forbidden />;
  const manage = can('users:manage');
  return (
    <Card
      title={t('admin.users.title')}
      extra={
        manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="user-create"
            onClick={() => setEditing('new')}
          >
            {t('admin.users.create')}
          </Button>
        ) : null
      }
    >
      <QueryState query={users}>
        {(list) => (
          <div data-testid="users-table">
            <Table<UserView>
              rowKey="id"
              size="small"
              dataSource={list}
              pagination={list.length > 50 ? { pageSize: 50 } : false}
              // Short facts: every cell on one line, the table scrolling sideways on a narrow screen.
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('admin.users.username'), dataIndex: 'username' },
                { title: t('admin.users.displayName'), dataIndex: 'displayName' },
                {
                  title: t('admin.users.role'),
                  dataIndex: 'role',
                  render: (role: string) => <Tag>{t(`common.role.${role}`)}</Tag>,
                },
                {
                  title: t('admin.users.unitCode'),
                  dataIndex: 'unitCode',
                  render: (u: string | null) => (u ? <code>{u}</code> : '—'),
                },
                {
                  title: t('admin.users.signIn'),
                  render: (_, u) => (
                    <Space size={4}>
                      {u.signIn.password ? <Tag>{t('admin.users.password')}</Tag> : null}
                      {u.signIn.oidc ? <Tag>{t('admin.users.oidc')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('admin.users.status'),
                  render: (_, u) => (
                    <Space size={4}>
                      {u.disabled ? (
                        <Tag color="default">{t('admin.users.disabled')}</Tag>
                      ) : (
                        <Tag color="success">{t('admin.users.active')}</Tag>
                      )}
                      {u.mustChangePassword ? <Tag color="orange">{t('admin.users.mustChange')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('admin.users.lastLogin'),
                  dataIndex: 'lastLoginAt',
                  render: (at: string | null) => <Time value={at} />,
                },
                ...(manage
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        render: (_: unknown, u: UserView) => (
                          <Space size={0} wrap>
                            <Button
                              type="link"
                              size="small"
                              data-testid={`user-edit-${u.username}`}
                              onClick={() => setEditing(u)}
                            >
                              {t('admin.users.edit')}
                            </Button>
                            {u.id !== me?.user?.id ? (
                              <Popconfirm
                                title={t(
                                  u.disabled ? 'admin.users.enableConfirm' : 'admin.users.disableConfirm',
                                  {
                                    username: u.username,
                                  },
                                )}
                                okButtonProps={{ ...{ 'data-testid': 'user-disable-confirm' } }}
                                onConfirm={() => setDisabled.mutate({ user: u, disabled: !u.disabled })}
                              >
                                <Button
                                  type="link"
                                  size="small"
                                  danger={!u.disabled}
                                  data-testid={`user-disable-${u.username}`}
                                >
                                  {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                                </Button>
                              </Popconfirm>
                            ) : null}
                            {u.signIn.password ? (
                              <Popconfirm
                                title={t('admin.users.resetConfirm', { username: u.username })}
                                okButtonProps={{ ...{ 'data-testid': 'user-reset-confirm' } }}
                                onConfirm={() => reset.mutate(u)}
                              >
                                <Button type="link" size="small" data-testid={`user-reset-${u.username}`}>
                                  {t('admin.users.reset')}
                                </Button>
                              </Popconfirm>
                            ) : null}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        )}
      </QueryState>
      {manage ? (
        <UserFormModal
          open={editing !== null}
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            void message.success(t('admin.users.created', { username: created.user.username }));
            setSecret(created);
          }}
        />
      ) : null}
      <Modal
        open={secret !== null}
        title={secret ? t('admin.users.otpTitle', { username: secret.user.username }) : ''}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" data-testid="one-time-close" onClick={() => setSecret(null)}>
            {t('admin.users.close')}
          </Button>
        }
        destroyOnHidden
      >
        {secret ? (
          <OneTimeSecret
            value={secret.oneTimePassword}
            warning={t('admin.users.otpWarning')}
            testId="one-time-password"
          />
        ) : null}
      </Modal>
    </Card>
  );
}
