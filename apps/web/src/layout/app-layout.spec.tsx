import { screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient, Providers } from '../app';
import { meOf, mockHub } from '../testing/render';
import { AppLayout } from './app-layout';

function renderLayout() {
  const router = createMemoryRouter(
    [
      { path: '/', element: <AppLayout />, children: [{ index: true, element: <div>home</div> }] },
      { path: '/login', element: <div>login page</div> },
      { path: '/password', element: <div>password page</div> },
    ],
    { initialEntries: ['/'] },
  );
  render(
    <Providers client={createQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return router;
}

describe('AppLayout', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers an applicant only the screens its permissions open', async () => {
    mockHub({
      'GET /api/auth/me': meOf(
        'applicant',
        ['session:self', 'tokens:own', 'projects:read', 'reviews:read'],
        '4306001',
      ),
    });
    renderLayout();
    expect(await screen.findByText('home')).toBeTruthy();
    expect(screen.getByText('项目')).toBeTruthy();
    expect(screen.getByText('验收审查')).toBeTruthy();
    expect(screen.queryByText('运行监测')).toBeNull();
    expect(screen.queryByText('审计日志')).toBeNull();
    expect(screen.getByText('4306001')).toBeTruthy();
  });

  it('sends a signed-out visitor to the login page', async () => {
    mockHub({
      'GET /api/auth/me': () => {
        throw {
          status: 401,
          body: { error: { code: 'UNAUTHENTICATED', message: { zh: '未登录', en: 'no' } } },
        };
      },
    });
    const router = renderLayout();
    expect(await screen.findByText('login page')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('holds a user with a one-time password at the password screen', async () => {
    const me = meOf('reviewer', ['session:self', 'projects:read']);
    me.user!.mustChangePassword = true;
    mockHub({ 'GET /api/auth/me': me });
    const router = renderLayout();
    expect(await screen.findByText('password page')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/password');
  });
});
