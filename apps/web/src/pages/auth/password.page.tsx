import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ME_KEY, useAuth } from '../../auth/auth';
import { errorMessage } from '../../components/common';

export default function PasswordPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) =>
      api.post('/api/auth/password', values),
    onSuccess: async () => {
      void message.success(t('auth.changed'));
      await client.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    },
  });
  return (
    <Card title={t('auth.changeTitle')} style={{ maxWidth: 480 }}>
      {me?.user?.mustChangePassword ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('auth.mustChange')} />
      ) : null}
      {change.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(change.error, i18n.language)}
        />
      ) : null}
      <Form
        layout="vertical"
        requiredMark={false}
        onFinish={(v: { currentPassword: string; newPassword: string }) =>
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })
        }
      >
        <Form.Item name="currentPassword" label={t('auth.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.next')}
          extra={t('auth.rule')}
          rules={[{ required: true, min: 12, message: t('auth.rule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('auth.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
