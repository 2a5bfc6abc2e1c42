import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import type { UserView } from './admin.types';
import UsersPage from './users.page';

// Ant Design's first render is slow when every test file runs at once.
configure({ asyncUtilTimeout: 5000 });

function userOf(username: string, patch: Partial<UserView> = {}): UserView {
  return {
    id: `id-${username}`,
    username,
    displayName: `${username} 名`,
    role: 'reviewer',
    unitCode: null,
    signIn: { password: true, oidc: false },
    mustChangePassword: false,
    disabled: false,
    lastLoginAt: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    ...patch,
  };
}
const ADMIN = ['users:read', 'users:manage'];

describe('UsersPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hides every user action from an auditor', async () => {
    mockHub({
      'GET /api/auth/me': meOf('auditor', ['users:read', 'audit:read']),
      'GET /api/users': [userOf('zhangsan')],
    });
    renderPage(<UsersPage />, { path: '/admin/users' });
    expect(await screen.findByText('zhangsan')).toBeTruthy();
    expect(screen.queryByTestId('user-create')).toBeNull();
    expect(screen.queryByTestId('user-edit-zhangsan')).toBeNull();
    expect(screen.queryByTestId('user-reset-zhangsan')).toBeNull();
    expect(screen.queryByText('操作')).toBeNull();
  });

  it('creates a user and shows the one-time password once', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('admin', ADMIN),
      'GET /api/users': [],
      'POST /api/users': ({ body }) => ({
        user: userOf('lisi', body as Partial<UserView>),
        oneTimePassword: 'Otp-7Hq2-Zx9w-Lm4K',
      }),
    });
    renderPage(<UsersPage />, { path: '/admin/users' });
    fireEvent.click(await screen.findByTestId('user-create'));
    fireEvent.change(await screen.findByTestId('user-username'), { target: { value: 'lisi' } });
    fireEvent.change(screen.getByTestId('user-display-name'), { target: { value: '李四' } });
    fireEvent.click(screen.getByTestId('user-submit'));
    const otp = await screen.findByTestId('one-time-password');
    expect(otp.textContent).toContain('Otp-7Hq2-Zx9w-Lm4K');
    expect(screen.getByText(/此密码只显示这一次/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'lisi',
      displayName: '李四',
      role: 'reviewer',
    });
    fireEvent.click(screen.getByTestId('one-time-close'));
    // jsdom never finishes Ant Design's leave animation: the dialog closing is what the user sees.
    await waitFor(() => expect(otp.closest('.ant-modal')!.className).toContain('ant-zoom-leave'));
  });

  it('makes a user an applicant of a unit with only the changed fields', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('admin', ADMIN),
      'GET /api/users': [userOf('wangwu')],
      'PATCH /api/users/id-wangwu': ({ body }) => userOf('wangwu', body as Partial<UserView>),
    });
    renderPage(<UsersPage />, { path: '/admin/users' });
    fireEvent.click(await screen.findByTestId('user-edit-wangwu'));
    const role = within(await screen.findByTestId('user-role')).getByRole('combobox');
    fireEvent.mouseDown(role);
    fireEvent.click(await screen.findByTitle('建设单位'));
    fireEvent.change(await screen.findByTestId('user-unit'), { target: { value: '91430600MA4L12345X' } });
    fireEvent.click(screen.getByTestId('user-submit'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
        role: 'applicant',
        unitCode: '91430600MA4L12345X',
      }),
    );
  });

  it('resets a password to a one-time password shown once', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('admin', ADMIN),
      'GET /api/users': [userOf('zhaoliu')],
      'POST /api/users/id-zhaoliu/password-reset': {
        user: userOf('zhaoliu'),
        oneTimePassword: 'Reset-Pw-123456',
      },
    });
    renderPage(<UsersPage />, { path: '/admin/users' });
    fireEvent.click(await screen.findByTestId('user-reset-zhaoliu'));
    fireEvent.click(await screen.findByTestId('user-reset-confirm'));
    expect((await screen.findByTestId('one-time-password')).textContent).toContain('Reset-Pw-123456');
    expect(calls.filter((c) => c.path === '/api/users/id-zhaoliu/password-reset')).toHaveLength(1);
  });

  it('disables a user after confirmation', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('admin', ADMIN),
      'GET /api/users': [userOf('qianqi')],
      'PATCH /api/users/id-qianqi': userOf('qianqi', { disabled: true }),
    });
    renderPage(<UsersPage />, { path: '/admin/users' });
    fireEvent.click(await screen.findByTestId('user-disable-qianqi'));
    fireEvent.click(await screen.findByTestId('user-disable-confirm'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ disabled: true }));
  });
});
