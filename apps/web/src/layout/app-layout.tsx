import {
  AlertOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  ProjectOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, type MenuProps, Space, Spin, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { ME_KEY, useAuth } from '../auth/auth';
import { type Language, rememberLanguage } from '../i18n';

/** Menu entries, each shown only to roles holding the permission its screen's API needs. */
const NAV: { key: string; permission: string; icon?: React.ReactNode; children?: typeof NAV }[] = [
  { key: '/', permission: 'projects:read', icon: <DashboardOutlined /> },
  { key: '/projects', permission: 'projects:read', icon: <ProjectOutlined /> },
  { key: '/reviews', permission: 'reviews:read', icon: <FileDoneOutlined /> },
  { key: '/monitoring', permission: 'alerts:read', icon: <AlertOutlined /> },
  {
    key: 'admin',
    permission: 'session:self',
    icon: <SettingOutlined />,
    children: [
      { key: '/admin/packs', permission: 'packs:read' },
      { key: '/admin/sources', permission: 'sources:read' },
      { key: '/admin/users', permission: 'users:read' },
      { key: '/admin/tokens', permission: 'tokens:own' },
      { key: '/admin/audit', permission: 'audit:read' },
      { key: '/admin/notifications', permission: 'notifications:read' },
    ],
  },
];

const LABEL_KEYS: Record<string, string> = {
  '/': 'overview',
  '/projects': 'projects',
  '/reviews': 'reviews',
  '/monitoring': 'monitoring',
  admin: 'admin',
  '/admin/packs': 'packs',
  '/admin/sources': 'sources',
  '/admin/users': 'users',
  '/admin/tokens': 'tokens',
  '/admin/audit': 'audit',
  '/admin/notifications': 'notifications',
};

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === 'en' ? 'zh' : 'en';
  return (
    <Button
      type="text"
      data-testid="language-switch"
      onClick={() => {
        rememberLanguage(next);
        void i18n.changeLanguage(next);
      }}
    >
      {t('common.language')}
    </Button>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { me, loading, can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();

  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.user?.mustChangePassword && location.pathname !== '/password')
    return <Navigate to="/password" replace />;

  const items: MenuProps['items'] = NAV.filter((n) => can(n.permission))
    .map((n) => {
      const children = n.children?.filter((c) => can(c.permission));
      if (n.children && !children?.length) return null;
      return {
        key: n.key,
        icon: n.icon,
        label: t(`common.menu.${LABEL_KEYS[n.key]}`),
        children: children?.map((c) => ({ key: c.key, label: t(`common.menu.${LABEL_KEYS[c.key]}`) })),
      };
    })
    .filter((n) => n !== null);
  const selected =
    Object.keys(LABEL_KEYS)
      .filter(
        (k) => k.startsWith('/') && (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)),
      )
      .sort((a, b) => b.length - a.length)[0] ?? '';

  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    client.clear();
    client.setQueryData(ME_KEY, null);
    navigate('/login');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>
          {t('common.appShort')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={selected.startsWith('/admin') ? ['admin'] : []}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong>{t('common.appName')}</Typography.Text>
          <Space>
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  ...(me.user?.signIn.password
                    ? [{ key: 'password', label: t('common.menu.password') }]
                    : []),
                  { key: 'logout', label: t('common.menu.logout') },
                ],
                onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/password')),
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me.user?.displayName ?? me.user?.username ?? '—'}{' '}
                <Tag style={{ marginInlineStart: 8 }}>{t(`common.role.${me.role}`)}</Tag>
                {me.unitCode ? <Tag icon={<AuditOutlined />}>{me.unitCode}</Tag> : null}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
