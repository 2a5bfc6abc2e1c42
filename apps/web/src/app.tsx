import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { lazy, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, type RouteObject, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { AuthProvider } from './auth/auth';
import { Forbidden, NotFound } from './components/common';
import { AppLayout } from './layout/app-layout';
import LoginPage from './pages/auth/login.page';
import PasswordPage from './pages/auth/password.page';

const OverviewPage = lazy(() => import('./pages/overview/overview.page'));
const ProjectsPage = lazy(() => import('./pages/projects/projects.page'));
const ProjectDetailPage = lazy(() => import('./pages/projects/project-detail.page'));
const ReviewsPage = lazy(() => import('./pages/reviews/reviews.page'));
const ReviewPage = lazy(() => import('./pages/reviews/review.page'));
const MonitoringPage = lazy(() => import('./pages/monitoring/monitoring.page'));
const PacksPage = lazy(() => import('./pages/admin/packs.page'));
const SourcesPage = lazy(() => import('./pages/admin/sources.page'));
const UsersPage = lazy(() => import('./pages/admin/users.page'));
const TokensPage = lazy(() => import('./pages/admin/tokens.page'));
const AuditPage = lazy(() => import('./pages/admin/audit.page'));
const NotificationsPage = lazy(() => import('./pages/admin/notifications.page'));

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'password', element: <PasswordPage /> },
      { path: 'projects', element: <ProjectsPage /> },
      { path: 'projects/:code', element: <ProjectDetailPage /> },
      { path: 'reviews', element: <ReviewsPage /> },
      { path: 'reviews/:id', element: <ReviewPage /> },
      { path: 'monitoring', element: <MonitoringPage /> },
      { path: 'admin/packs', element: <PacksPage /> },
      { path: 'admin/sources', element: <SourcesPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/tokens', element: <TokensPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'admin/notifications', element: <NotificationsPage /> },
      { path: 'forbidden', element: <Forbidden /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal or a missing object will not change by asking again; a dropped connection may.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Ant Design and dayjs follow the chosen language. */
export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const listener = (lng: string) => setLanguage(lng);
    i18n.on('languageChanged', listener);
    return () => i18n.off('languageChanged', listener);
  }, [i18n]);
  useEffect(() => {
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  }, [language]);
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider
        locale={language === 'en' ? enUS : zhCN}
        theme={{ token: { colorPrimary: '#c41d1d' } }}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>
          <AuthProvider>{children}</AuthProvider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();

export default function App() {
  return (
    <Providers client={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  );
}
