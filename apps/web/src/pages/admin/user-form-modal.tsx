import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Role } from '../../auth/auth';
import { ErrorAlert } from '../../components/common';
import type { UserView, UserWithPassword } from './admin.types';

export const ROLES: Role[] = ['admin', 'reviewer', 'monitor', 'applicant', 'auditor'];

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  unitCode?: string;
}

/**
 * Create a user (POST /api/users, then the one-time password is shown by the caller) or change one's
 * name, role and unit (PATCH /api/users/:id with only what changed). Only applicants have a unit.
 */
export function UserFormModal({
  user,
  open,
  onClose,
  onCreated,
}: {
  /** the user to edit; null to create one */
  user: UserView | null;
  open: boolean;
  onClose: () => void;
  onCreated: (created: UserWithPassword) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const save = useMutation({
    mutationFn: async (v: UserForm) => {
      const unitCode = v.role === 'applicant' ? (v.unitCode?.trim() ?? null) : null;
      if (!user) {
        return api.post<UserWithPassword>('/api/users', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          ...(unitCode ? { unitCode } : {}),
        });
      }
      const patch: Record<string, unknown> = {};
      if (v.displayName.trim() !== user.displayName) patch.displayName = v.displayName.trim();
      if (v.role !== user.role) patch.role = v.role;
      if (unitCode !== user.unitCode) patch.unitCode = unitCode;
      if (Object.keys(patch).length === 0) return null;
      return api.patch<UserView>(`/api/users/${encodeURIComponent(user.id)}`, patch);
    },
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['users'] });
      if (result && 'oneTimePassword' in result) onCreated(result);
      else if (user) void message.success(t('admin.users.updated', { username: user.username }));
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={user ? t('admin.users.editTitle', { username: user.username }) : t('admin.users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'user-submit' } }}
      destroyOnHidden
      afterClose={() => save.reset()}
    >
      <Form<UserForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                unitCode: user.unitCode ?? '',
              }
            : { role: 'reviewer' }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="username"
          label={t('admin.users.username')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input disabled={user !== null} data-testid="user-username" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('admin.users.displayName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input data-testid="user-display-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true }]}>
          <Select
            data-testid="user-role"
            options={ROLES.map((r) => ({ value: r, label: t(`common.role.${r}`) }))}
          />
        </Form.Item>
        {role === 'applicant' ? (
          <Form.Item
            name="unitCode"
            label={t('admin.users.unitCode')}
            extra={t('admin.users.unitHint')}
            rules={[{ required: true, whitespace: true, message: t('admin.users.unitRequired') }]}
          >
            <Input data-testid="user-unit" maxLength={18} />
          </Form.Item>
        ) : null}
      </Form>
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
