import { hub } from '../../api/hub';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ME_KEY, useAuth } from '../../auth/auth';
import { errorMessage } from '../../components/common';
import { LanguageSwitch } from '../../layout/app-layout';

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const providers = useQuery({
    queryKey: ['auth', 'providers'],
    queryFn: () => hub.get('/api/auth/providers'),
  });
  const login = useMutation({
    mutationFn: (values: { username: string; password: string }) => api.post('/api/auth/login', values),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ME_KEY });
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    },
  });
  if (me) return <Navigate to="/" replace />;

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('common.appName')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('auth.title')}</Typography.Paragraph>
        {login.error ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorMessage(login.error, i18n.language)}
          />
        ) : null}
        <Form layout="vertical" onFinish={(values) => login.mutate(values)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.required', { field: t('auth.username') }) }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.required', { field: t('auth.password') }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
        {providers.data?.oidc ? (
          <>
            <Divider plain>{t('auth.or')}</Divider>
            <Button block href="/api/auth/oidc/login">
              {t('auth.oidc')}
            </Button>
          </>
        ) : null}
      </Card>
    </div>
  );
}
