import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import { APPLICANT, AUDITOR, buildReview, REVIEWER } from './review.fixtures';
import ReviewsPage from './reviews.page';

const decided = buildReview({
  id: 'r2',
  documentNo: 'JSSC-2026-0003',
  projectCode: 'YY-2026-009',
  projectName: '岳阳市数字城管平台',
  unitName: '岳阳市城市管理局',
  status: 'decided',
  decision: 'rectify',
  decidedAt: '2026-10-20T08:30:00.000Z',
});

describe('ReviewsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists reviews with project, unit, status, times and decision, each linking to its screen', async () => {
    mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews': [buildReview(), decided],
    });
    const { router } = renderPage(<ReviewsPage />, { path: '/reviews' });
    const table = await screen.findByTestId('reviews-table');
    expect(within(table).getByText('岳阳市智慧应急指挥平台')).toBeTruthy();
    expect(within(table).getByText('岳阳市城市管理局')).toBeTruthy();
    expect(within(table).getByText('已检查')).toBeTruthy();
    expect(within(table).getByText('整改后复核')).toBeTruthy();
    // Beijing time: 08:30 UTC is 16:30 in Beijing.
    expect(within(table).getByText('2026-10-20 16:30')).toBeTruthy();
    fireEvent.click(screen.getByTestId('review-link-r2'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reviews/r2'));
  });

  it('filters by status through the API and keeps the filter in the URL', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews': ({ url }) =>
        url.searchParams.get('status') === 'decided' ? [decided] : [buildReview()],
    });
    const { router } = renderPage(<ReviewsPage />, { path: '/reviews' });
    await screen.findByText('岳阳市智慧应急指挥平台');
    fireEvent.click(screen.getByText('已决定'));
    expect(await screen.findByText('岳阳市数字城管平台')).toBeTruthy();
    expect(router.state.location.search).toBe('?status=decided');
    expect(calls.map((c) => c.path)).toContain('/api/reviews?status=decided');
  });

  it('reads the status filter from a shared link', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews': [decided],
    });
    renderPage(<ReviewsPage />, { path: '/reviews?status=decided', pattern: '/reviews' });
    await screen.findByText('岳阳市数字城管平台');
    expect(calls.filter((c) => c.path.startsWith('/api/reviews')).map((c) => c.path)).toEqual([
      '/api/reviews?status=decided',
    ]);
  });

  it('lets a construction unit apply for a review of its project and opens it', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews': [],
      'POST /api/reviews': buildReview({ id: 'r9' }),
    });
    const { router } = renderPage(<ReviewsPage />, { path: '/reviews' });
    expect(await screen.findByText('暂无审查申请')).toBeTruthy();
    fireEvent.click(screen.getByTestId('review-apply'));
    fireEvent.change(await screen.findByTestId('apply-project-code'), { target: { value: ' YY-2026-001 ' } });
    fireEvent.click(screen.getByTestId('apply-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reviews/r9'));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ projectCode: 'YY-2026-001' });
  });

  it('offers no application to a read-only role', async () => {
    mockHub({
      'GET /api/auth/me': meOf('auditor', AUDITOR),
      'GET /api/reviews': [buildReview()],
    });
    renderPage(<ReviewsPage />, { path: '/reviews' });
    await screen.findByText('岳阳市智慧应急指挥平台');
    expect(screen.queryByTestId('review-apply')).toBeNull();
  });
});
