import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import type { TokenView } from './admin.types';
import TokensPage from './tokens.page';

// Ant Design's first render is slow when every test file runs at once.
configure({ asyncUtilTimeout: 5000 });

function tokenOf(id: string, patch: Partial<TokenView> = {}): TokenView {
  return {
    id,
    name: `token ${id}`,
    prefix: 'hubt_ab12',
    username: 'reviewer',
    role: 'reviewer',
    expiresAt: '2027-02-01T00:00:00.000Z',
    revokedAt: null,
    revokedReason: null,
    lastUsedAt: null,
    createdBy: 'reviewer',
    createdAt: '2026-11-01T00:00:00.000Z',
    status: 'active',
    ...patch,
  };
}
const SECRET = 'hubt_ab12Zq0uX3vB9nR4tL7mK2pW5yE8cD1fG6hJ';

describe('TokensPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a new token exactly once, with a copy button and a warning', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', ['tokens:own']),
      'GET /api/tokens': [],
      'POST /api/tokens': ({ body }) => ({ ...tokenOf('t-new', body as Partial<TokenView>), token: SECRET }),
    });
    renderPage(<TokensPage />, { path: '/admin/tokens' });
    fireEvent.click(await screen.findByTestId('token-create'));
    expect(screen.queryByTestId('token-owner')).toBeNull();
    fireEvent.change(await screen.findByTestId('token-name'), { target: { value: 'CI 流水线' } });
    const days = screen.getByTestId('token-days');
    fireEvent.change(days, { target: { value: '30' } });
    fireEvent.blur(days);
    fireEvent.click(screen.getByTestId('token-submit'));

    const shown = await screen.findByTestId('token-value');
    expect(shown.textContent).toContain(SECRET);
    expect(within(shown).getByRole('button', { name: /copy|复制/i })).toBeTruthy();
    expect(screen.getByText(/令牌只显示这一次/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'CI 流水线', expiresInDays: 30 });

    fireEvent.click(screen.getByTestId('token-close'));
    // Opening the dialog again starts a new form: the old secret is gone for good.
    fireEvent.click(screen.getByTestId('token-create'));
    await waitFor(() => expect(screen.getAllByTestId('token-name').length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull(), { timeout: 3000 });
  });

  it('revokes an active token after confirmation', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', ['tokens:own']),
      'GET /api/tokens': [tokenOf('t-1'), tokenOf('t-2', { status: 'revoked' })],
      'DELETE /api/tokens/t-1': tokenOf('t-1', { status: 'revoked' }),
    });
    renderPage(<TokensPage />, { path: '/admin/tokens' });
    fireEvent.click(await screen.findByTestId('token-revoke-t-1'));
    expect(screen.queryByTestId('token-revoke-t-2')).toBeNull();
    fireEvent.click(await screen.findByTestId('token-revoke-confirm'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/tokens/t-1')).toBe(true),
    );
  });

  it('lets an administrator see every owner and issue for another user', async () => {
    mockHub({
      'GET /api/auth/me': meOf('admin', ['tokens:own', 'tokens:manage']),
      'GET /api/tokens': [tokenOf('t-1', { username: 'zhangsan' })],
    });
    renderPage(<TokensPage />, { path: '/admin/tokens' });
    expect(await screen.findByText('zhangsan')).toBeTruthy();
    fireEvent.click(screen.getByTestId('token-create'));
    expect(await screen.findByTestId('token-owner')).toBeTruthy();
  });
});
