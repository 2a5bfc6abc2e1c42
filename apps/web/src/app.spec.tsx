import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient, Providers, routes } from './app';
import { meOf, mockHub } from './testing/render';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <Providers client={createQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  );
}

describe('the dashboard’s routes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers an address it does not know with “page not found”, not a refusal', async () => {
    mockHub({ 'GET /api/auth/me': meOf('reviewer', ['projects:read']) });
    renderAt('/no/such/screen');
    expect(await screen.findByText('页面不存在')).toBeTruthy();
    expect(screen.queryByText('无权访问此页面')).toBeNull();
    expect(screen.getByRole('link', { name: '返回首页' }).getAttribute('href')).toBe('/');
  });

  it('keeps the refusal for the forbidden page', async () => {
    mockHub({ 'GET /api/auth/me': meOf('reviewer', ['projects:read']) });
    renderAt('/forbidden');
    expect(await screen.findByText('无权访问此页面')).toBeTruthy();
  });
});
