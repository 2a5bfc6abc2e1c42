import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import { APPLICANT, AUDITOR, buildItem, buildOpinion, buildReview } from './review.fixtures';
import ReviewPage from './review.page';
import type { ReviewView } from './review.types';

function renderReview() {
  return renderPage(<ReviewPage />, { path: '/reviews/r1', pattern: '/reviews/:id' });
}

const STILL_FAILING = { zh: '整改事项已标记完成，但复查仍不通过', en: 'marked done, re-check fails' };

const decided = (overrides: Partial<ReviewView> = {}) =>
  buildReview({
    status: 'decided',
    decision: 'rectify',
    decidedBy: 'li.review',
    decidedAt: '2026-11-01T05:00:00.000Z',
    ...overrides,
  });

describe('RectificationItems', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists each item with owner, deadline, status, who did it when, the note and the file', async () => {
    mockHub({
      'GET /api/auth/me': meOf('auditor', AUDITOR),
      'GET /api/reviews/r1': decided({
        items: [
          buildItem({ id: 'i1', owner: '信息科 张工', deadline: '2026-12-31' }),
          buildItem({
            id: 'i2',
            ruleId: 'YY-MLPS-EVAL',
            description: '完成等级测评',
            status: 'done',
            doneBy: '李工',
            doneAt: '2026-11-03T02:00:00.000Z',
            note: '测评报告已取得',
            attachment: {
              fileName: '测评报告.pdf',
              contentType: 'application/pdf',
              size: 2048,
              sha256: 'b'.repeat(64),
              uploadedAt: '2026-11-03T02:00:00.000Z',
              url: '/api/reviews/r1/items/i2/attachment',
            },
          }),
        ],
      }),
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided' }),
    });
    renderReview();
    const table = await screen.findByTestId('rectification-items');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/YY-CLOUD-DEPLOY.*迁移上云.*信息科 张工.*2026-12-31.*待整改/),
      expect.stringMatching(
        /YY-MLPS-EVAL.*完成等级测评.*岳阳市应急管理局.*已完成.*李工.*测评报告已取得.*测评报告\.pdf/,
      ),
    ]);
    // a read-only role reads, and marks nothing done
    expect(screen.queryByTestId('item-done-i1')).toBeNull();
    expect(screen.getByTestId('item-attachment-i2')).toBeTruthy();
  });

  it('downloads an item’s file through the hub with the session', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }),
    );
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': decided({
        items: [
          buildItem({
            status: 'done',
            doneBy: '张工',
            doneAt: '2026-11-03T02:00:00.000Z',
            note: '已迁移',
            attachment: {
              fileName: '迁移报告.pdf',
              contentType: 'application/pdf',
              size: 10,
              sha256: 'c'.repeat(64),
              uploadedAt: '2026-11-03T02:00:00.000Z',
              url: '/api/reviews/r1/items/i1/attachment',
            },
          }),
        ],
      }),
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided' }),
      'GET /api/reviews/r1/items/i1/attachment': { pdf: true },
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('item-attachment-i1'));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.path)).toContain('/api/reviews/r1/items/i1/attachment');
    click.mockRestore();
  });

  it('marks an item done with the note and the chosen file, sent as one multipart request', async () => {
    const review = decided({ items: [buildItem()] });
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': review,
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided' }),
      'POST /api/reviews/r1/items/i1/done': {
        ...review,
        items: [
          buildItem({
            status: 'done',
            doneBy: 'applicant user',
            doneAt: '2026-11-03T02:00:00.000Z',
            note: '系统已迁移至政务云',
          }),
        ],
      },
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('item-done-i1'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('item-done-submit'));
    expect(await within(dialog).findByText('请填写整改说明：做了什么')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByTestId('item-done-note'), {
      target: { value: '系统已迁移至政务云' },
    });
    const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.accept).toBe('.pdf,.jpg,.jpeg,.png,.docx,.xlsx');
    const file = new File(['%PDF-1.4'], '迁移报告.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await within(dialog).findByText('迁移报告.pdf')).toBeTruthy();
    fireEvent.click(within(dialog).getByTestId('item-done-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      note: '系统已迁移至政务云',
      file: { name: '迁移报告.pdf', type: 'application/pdf', size: 8 },
    });
    const info = await screen.findByTestId('item-done-info-i1');
    expect(info.textContent).toContain('applicant user');
    expect(info.textContent).toContain('系统已迁移至政务云');
  });

  it('shows the hub’s refusal of the file in the form, as the hub words it', async () => {
    mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': decided({ items: [buildItem()] }),
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided' }),
      'POST /api/reviews/r1/items/i1/done': () => {
        throw {
          status: 400,
          body: {
            error: {
              code: 'INVALID_FILE',
              message: { zh: '整改附件无效：文件内容不是 pdf 格式', en: 'Invalid attachment' },
            },
          },
        };
      },
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('item-done-i1'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('item-done-note'), { target: { value: '已完成' } });
    fireEvent.click(within(dialog).getByTestId('item-done-submit'));
    expect((await within(dialog).findByTestId('item-done-error')).textContent).toContain(
      '整改附件无效：文件内容不是 pdf 格式',
    );
  });

  it('shows the items carried from the previous review and its done ones, warning where the re-check still fails', async () => {
    mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': buildReview({
        previousReviewId: 'r0',
        items: [
          buildItem({
            id: 'c1',
            ruleId: 'YY-DATA-SHARE',
            description: '接入共享平台',
            carriedFrom: { reviewId: 'r0', documentNo: 'JSSC-2026-0003', itemId: 'o1' },
          }),
        ],
        itemHistory: [
          buildItem({
            id: 'h1',
            reviewId: 'r0',
            documentNo: 'JSSC-2026-0003',
            ruleId: 'YY-MLPS-EVAL',
            status: 'done',
            doneBy: '张工',
            doneAt: '2026-10-20T02:00:00.000Z',
            note: '已测评',
            recheck: { checkRunId: 'run1', verdict: 'FAIL', warning: STILL_FAILING },
          }),
          buildItem({
            id: 'h2',
            reviewId: 'r0',
            documentNo: 'JSSC-2026-0003',
            status: 'done',
            doneBy: '张工',
            doneAt: '2026-10-20T02:00:00.000Z',
            note: '已迁移',
          }),
        ],
      }),
      'GET /api/reviews/r1/opinion': buildOpinion(),
    });
    renderReview();
    const carried = await screen.findByTestId('rectification-items');
    expect(carried.textContent).toContain('转自 JSSC-2026-0003');
    expect(within(carried).getByTestId('item-done-c1')).toBeTruthy();
    const history = screen.getByTestId('item-history');
    expect(history.textContent).toContain('上次审查已完成的整改事项');
    expect(within(history).getByTestId('item-still-failing-h1').textContent).toBe(
      '整改事项已标记完成，但复查仍不通过',
    );
    expect(within(history).queryByTestId('item-still-failing-h2')).toBeNull();
    expect(within(history).queryByTestId('item-done-h1')).toBeNull();
    const alert = screen.getByTestId('still-failing');
    expect(alert.textContent).toContain('1 项整改事项已标记完成，但复查仍不通过');
    expect(alert.textContent).toContain('YY-MLPS-EVAL');
  });

  it('offers no way to mark done an item carried into a later review', async () => {
    mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': decided({
        items: [buildItem({ carriedTo: { reviewId: 'r2', documentNo: 'JSSC-2026-0009', itemId: 'c1' } })],
      }),
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided' }),
    });
    renderReview();
    const table = await screen.findByTestId('rectification-items');
    expect(table.textContent).toContain('已转入 JSSC-2026-0009');
    expect(screen.queryByTestId('item-done-i1')).toBeNull();
  });
});
