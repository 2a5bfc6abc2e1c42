import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import { CHECK_POLL_MS } from './check-progress';
import {
  APPLICANT,
  AUDITOR,
  buildFinding,
  buildItem,
  buildOpinion,
  buildReview,
  buildRun,
  buildStep,
  REVIEWER,
} from './review.fixtures';
import ReviewPage from './review.page';
import type { OpinionDocument, ReviewView } from './review.types';

function renderReview() {
  return renderPage(<ReviewPage />, { path: '/reviews/r1', pattern: '/reviews/:id' });
}

const conflict = (zh: string, details?: unknown) => ({
  status: 409,
  body: { error: { code: 'CONFLICT', message: { zh, en: 'conflict' }, details } },
});

describe('ReviewPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  describe('a fresh check', () => {
    beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));

    it('starts without waiting, polls the run until it ends, showing each source, then reloads the opinion', async () => {
      let polls = 0;
      let reviewReads = 0;
      let opinionReads = 0;
      const { calls } = mockHub({
        'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
        'GET /api/reviews/r1': () => {
          reviewReads++;
          return buildReview(reviewReads > 1 ? { checkRunId: 'run2', previousCheckRunId: 'run1' } : {});
        },
        'GET /api/reviews/r1/opinion': () => {
          opinionReads++;
          return buildOpinion();
        },
        'POST /api/reviews/r1/check': { reviewId: 'r1', checkRunId: 'run2', status: 'running' },
        'GET /api/checks/run2': () => {
          polls++;
          if (polls === 1) return buildRun();
          return buildRun({
            status: 'completed',
            finishedAt: '2026-11-01T03:00:03.000Z',
            steps: [
              buildStep('gov-cloud', 'succeeded', { ms: 120 }),
              buildStep('mlps', 'failed', { error: '备案系统维护中', ms: 900 }),
              buildStep(null, 'succeeded', { ms: 30 }),
            ],
          });
        },
      });
      renderReview();
      fireEvent.click(await screen.findByTestId('review-run-check'));

      const progress = await screen.findByTestId('check-progress');
      await waitFor(() => expect(screen.getByTestId('check-step-mlps').dataset.status).toBe('running'));
      expect(progress.dataset.status).toBe('running');
      expect(within(progress).getByText('网络安全等级保护备案系统')).toBeTruthy();
      expect(screen.getByTestId('check-step-evaluate').dataset.status).toBe('pending');
      expect(screen.getByTestId('review-run-check')).toHaveProperty('disabled', true);
      expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/reviews/r1/check?wait=false');

      await act(() => vi.advanceTimersByTimeAsync(CHECK_POLL_MS));
      await waitFor(() => expect(screen.getByTestId('check-progress').dataset.status).toBe('completed'));
      expect(screen.getByTestId('check-step-mlps').dataset.status).toBe('failed');
      expect(screen.getByText('备案系统维护中')).toBeTruthy();
      await waitFor(() => expect(reviewReads).toBe(2));
      await waitFor(() => expect(opinionReads).toBe(2));
      // Polling stops once the run has ended.
      await act(() => vi.advanceTimersByTimeAsync(CHECK_POLL_MS * 3));
      expect(polls).toBe(2);
      expect(screen.getByTestId('review-run-check')).toHaveProperty('disabled', false);
    });

    it('follows a check already running when the page opens', async () => {
      mockHub({
        'GET /api/auth/me': meOf('reviewer', REVIEWER),
        'GET /api/reviews/r1': buildReview({ activeCheckRunId: 'run2' }),
        'GET /api/reviews/r1/opinion': buildOpinion(),
        'GET /api/checks/run2': buildRun(),
      });
      renderReview();
      expect((await screen.findByTestId('check-progress')).dataset.status).toBe('running');
      expect(screen.getByTestId('review-decide')).toHaveProperty('disabled', true);
    });

    it('names each source of a check as the hub titles it, whatever the source', async () => {
      mockHub({
        'GET /api/auth/me': meOf('reviewer', REVIEWER),
        'GET /api/reviews/r1': buildReview({ activeCheckRunId: 'run2' }),
        'GET /api/reviews/r1/opinion': buildOpinion(),
        'GET /api/checks/run2': buildRun({
          steps: [
            buildStep('e-licence', 'running', {
              title: { zh: '电子证照库', en: 'electronic licence library' },
            }),
            buildStep('no-title', 'running', { title: null }),
            buildStep(null, 'pending'),
          ],
        }),
      });
      renderReview();
      const progress = await screen.findByTestId('check-progress');
      expect(within(progress).getByText('电子证照库')).toBeTruthy();
      // A step without a title is named by its source id rather than left blank.
      expect(within(progress).getByText('no-title')).toBeTruthy();
    });

    it('shows the hub’s refusal to start a second check', async () => {
      mockHub({
        'GET /api/auth/me': meOf('reviewer', REVIEWER),
        'GET /api/reviews/r1': buildReview(),
        'GET /api/reviews/r1/opinion': buildOpinion(),
        'POST /api/reviews/r1/check': () => {
          throw conflict('项目 YY-2026-001 正在检查中，请待检查完成后再操作');
        },
      });
      renderReview();
      fireEvent.click(await screen.findByTestId('review-run-check'));
      expect(await screen.findByText('项目 YY-2026-001 正在检查中，请待检查完成后再操作')).toBeTruthy();
    });
  });

  it('shows the opinion by section with findings, evidence and the comparison with the previous check', async () => {
    mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview({ previousCheckRunId: 'run0' }),
      'GET /api/reviews/r1/opinion': buildOpinion({
        comparison: {
          previousCheckRunId: 'run0',
          added: [],
          removed: [{ ruleId: 'YY-OLD', title: { zh: '旧规则', en: 'Old' }, from: 'PASS', to: null }],
          changed: [
            {
              ruleId: 'YY-CLOUD-DEPLOY',
              title: { zh: '部署在政务云', en: 'Cloud' },
              from: 'UNKNOWN',
              to: 'FAIL',
            },
          ],
        },
      }),
    });
    renderReview();
    const cloud = await screen.findByTestId('opinion-section-cloud');
    expect(within(cloud).getByText('一、政务云资源集约应用')).toBeTruthy();
    expect(within(cloud).getByText('YY-CLOUD-DEPLOY')).toBeTruthy();
    expect(within(cloud).getByTestId('evidence').textContent).toContain('TENANT-430600-0042');
    expect(screen.getByTestId('opinion-section-security')).toBeTruthy();
    expect(screen.queryByTestId('opinion-section-platforms')).toBeNull();
    const comparison = screen.getByTestId('comparison');
    expect(within(comparison).getByText('不再检查（1）')).toBeTruthy();
    expect(within(comparison).getByTestId('comparison-YY-CLOUD-DEPLOY').textContent).toContain('无法判断');
  });

  it('lets a reviewer edit and save the opinion’s remarks, and shows what the hub saved', async () => {
    let saved: OpinionDocument | null = null;
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': () => saved ?? buildOpinion(),
      'PATCH /api/reviews/r1/opinion': ({ body }) => {
        const b = body as { conclusion: string; sections: Record<string, string> };
        const base = buildOpinion();
        saved = {
          ...base,
          remarks: {
            conclusion: b.conclusion,
            updatedBy: 'li.review',
            updatedAt: '2026-11-01T04:00:00.000Z',
          },
          sections: base.sections.map((s) => ({ ...s, remark: b.sections[s.domain] || null })),
        };
        return saved;
      },
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('opinion-edit'));
    // Every section may get a remark while editing, also one without findings.
    expect(screen.getByTestId('opinion-section-platforms')).toBeTruthy();
    fireEvent.change(screen.getByTestId('remark-conclusion'), { target: { value: '建议整改后复核。' } });
    fireEvent.change(screen.getByTestId('remark-cloud'), { target: { value: '须迁移上云。' } });
    fireEvent.click(screen.getByTestId('opinion-save'));

    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      conclusion: '建议整改后复核。',
      sections: { cloud: '须迁移上云。', 'data-sharing': '', security: '', platforms: '', management: '' },
    });
    expect((await screen.findByTestId('conclusion-remark')).textContent).toBe('建议整改后复核。');
    expect(screen.getByTestId('section-remark-cloud').textContent).toBe('须迁移上云。');
    expect(screen.queryByTestId('opinion-save')).toBeNull();
  });

  it('asks for the override reason when approving over blocking findings and sends it', async () => {
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': buildOpinion({
        remarks: { conclusion: '同意。', updatedBy: 'li.review', updatedAt: '2026-11-01T04:00:00.000Z' },
      }),
      'POST /api/reviews/r1/decision': buildReview({ status: 'decided', decision: 'approve' }),
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('review-decide'));
    fireEvent.click(await screen.findByTestId('decision-approve'));
    expect(await screen.findByText(/以下阻断项为不通过或无法判断：YY-CLOUD-DEPLOY/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('decision-submit'));
    expect(await screen.findByText('请填写理由（至少 10 个字）')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('decision-override'), {
      target: { value: '经主管部门书面确认，剩余事项验收后整改' },
    });
    fireEvent.click(screen.getByTestId('decision-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/reviews/r1/decision',
      body: {
        decision: 'approve',
        comments: '同意。',
        overrideReason: '经主管部门书面确认，剩余事项验收后整改',
        rectification: [],
      },
    });
  });

  it('shows the hub’s refusal of a decision as the hub words it', async () => {
    mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview(),
      // The page saw no blocking rule, but the hub judges on its own data and refuses.
      'GET /api/reviews/r1/opinion': buildOpinion({ ready: true, blockingRuleIds: [] }),
      'POST /api/reviews/r1/decision': () => {
        throw conflict('存在阻断项（YY-CLOUD-DEPLOY）为不通过或无法判断，不能直接同意竣工验收', {
          blockingRuleIds: ['YY-CLOUD-DEPLOY'],
        });
      },
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('review-decide'));
    fireEvent.click(await screen.findByTestId('decision-approve'));
    expect(screen.queryByTestId('decision-override')).toBeNull();
    fireEvent.click(screen.getByTestId('decision-submit'));
    const error = await screen.findByTestId('decision-error');
    expect(error.textContent).toContain('存在阻断项（YY-CLOUD-DEPLOY）为不通过或无法判断');
  });

  it('sends 整改后复核 with an item prefilled for every blocking rule, owners and deadlines', async () => {
    const data = buildFinding({
      ruleId: 'YY-DATA-SHARE',
      title: { zh: '数据共享', en: 'Data sharing' },
      domain: 'data-sharing',
      verdict: 'UNKNOWN',
    });
    const opinion = buildOpinion({ blockingRuleIds: ['YY-CLOUD-DEPLOY', 'YY-DATA-SHARE'] });
    opinion.sections.push({
      domain: 'data-sharing',
      title: { zh: '数据共享', en: 'Data' },
      findings: [data],
      remark: null,
    });
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': opinion,
      'POST /api/reviews/r1/decision': buildReview({ status: 'decided', decision: 'rectify' }),
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('review-decide'));
    fireEvent.click(await screen.findByTestId('decision-rectify'));
    expect(((await screen.findByTestId('item-description-0')) as HTMLInputElement).value).toBe(
      '整改：部署在政务云',
    );
    expect((screen.getByTestId('item-description-1') as HTMLInputElement).value).toBe('整改：数据共享');
    fireEvent.click(screen.getByTestId('decision-submit'));
    expect((await screen.findAllByText('请填写整改内容和期限')).length).toBe(2);
    fireEvent.change(screen.getByTestId('item-description-0'), { target: { value: '迁移上云' } });
    fireEvent.change(screen.getByTestId('item-deadline-0'), { target: { value: '2026-12-31' } });
    fireEvent.change(screen.getByTestId('item-owner-0'), { target: { value: '信息科 张工' } });
    fireEvent.change(screen.getByTestId('item-deadline-1'), { target: { value: '2027-01-31' } });
    fireEvent.change(screen.getByTestId('decision-comments'), { target: { value: '请整改' } });
    fireEvent.click(screen.getByTestId('decision-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      decision: 'rectify',
      comments: '请整改',
      rectification: [
        { ruleId: 'YY-CLOUD-DEPLOY', description: '迁移上云', deadline: '2026-12-31', owner: '信息科 张工' },
        { ruleId: 'YY-DATA-SHARE', description: '整改：数据共享', deadline: '2027-01-31' },
      ],
    });
  });

  it('asks for at least one item when no blocking rule is open and nothing is carried', async () => {
    mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': buildOpinion({ blockingRuleIds: [], ready: true }),
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('review-decide'));
    fireEvent.click(await screen.findByTestId('decision-rectify'));
    fireEvent.click(await screen.findByTestId('decision-submit'));
    expect(await screen.findByText('“整改后复核”须列出至少一项整改事项')).toBeTruthy();
    expect(screen.queryByTestId('item-description-0')).toBeNull();
  });

  it('lets the unit mark a rectification item done and apply for the re-check', async () => {
    const decided = buildReview({
      status: 'decided',
      decision: 'rectify',
      decidedBy: 'li.review',
      decidedAt: '2026-11-01T05:00:00.000Z',
      comments: '请整改',
      items: [buildItem()],
    });
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': decided,
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided' }),
      'POST /api/reviews/r1/items/i1/done': {
        ...decided,
        items: [
          {
            ...decided.items[0]!,
            status: 'done',
            doneBy: '张工',
            doneAt: '2026-11-02T02:00:00.000Z',
            note: '已迁移',
          },
        ],
      },
      'POST /api/reviews': buildReview({ id: 'r2' }),
    });
    const { router } = renderReview();
    fireEvent.click(await screen.findByTestId('item-done-i1'));
    fireEvent.change(await screen.findByTestId('item-done-note'), { target: { value: '已迁移' } });
    fireEvent.click(screen.getByTestId('item-done-submit'));
    expect(await screen.findByText('已完成')).toBeTruthy();
    expect(screen.queryByTestId('item-done-i1')).toBeNull();
    expect(screen.queryByTestId('review-run-check')).toBeNull();
    fireEvent.click(screen.getByTestId('review-reapply'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reviews/r2'));
    expect(calls.find((c) => c.path === '/api/reviews' && c.method === 'POST')!.body).toEqual({
      projectCode: 'YY-2026-001',
    });
  });

  it('shows a decided review’s 文号 and the reviewer by name, not by login', async () => {
    mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview({
        status: 'decided',
        decision: 'reject',
        opinionNo: '岳技审〔2026〕3号',
        decidedBy: 'li.review',
        reviewerName: '李科长',
        decidedAt: '2026-11-01T05:00:00.000Z',
      }),
      'GET /api/reviews/r1/opinion': buildOpinion({ status: 'decided', documentNo: '岳技审〔2026〕3号' }),
    });
    renderReview();
    expect((await screen.findByTestId('opinion-no')).textContent).toBe('文号 岳技审〔2026〕3号');
    expect(screen.getByText('李科长')).toBeTruthy();
    expect(screen.queryByText('li.review')).toBeNull();
  });

  it('offers only what the role may do', async () => {
    mockHub({
      'GET /api/auth/me': meOf('applicant', APPLICANT, '114306000000000001'),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': buildOpinion(),
    });
    renderReview();
    expect(await screen.findByTestId('review-run-check')).toBeTruthy();
    await screen.findByTestId('opinion-section-cloud');
    expect(screen.queryByTestId('review-decide')).toBeNull();
    expect(screen.queryByTestId('opinion-edit')).toBeNull();
    expect(screen.getByTestId('download-pdf')).toBeTruthy();
  });

  it('gives a read-only role no actions but the exports', async () => {
    mockHub({
      'GET /api/auth/me': meOf('auditor', AUDITOR),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': buildOpinion(),
    });
    renderReview();
    await screen.findByTestId('opinion-section-cloud');
    expect(screen.queryByTestId('review-run-check')).toBeNull();
    expect(screen.queryByTestId('review-decide')).toBeNull();
    expect(screen.queryByTestId('opinion-edit')).toBeNull();
    expect(screen.getByTestId('download-xlsx')).toBeTruthy();
  });

  it('downloads the opinion as PDF and xlsx through the hub', async () => {
    const createObjectURL = vi.fn(() => 'blob:opinion');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { calls } = mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview(),
      'GET /api/reviews/r1/opinion': buildOpinion(),
    });
    renderReview();
    fireEvent.click(await screen.findByTestId('download-pdf'));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByTestId('download-xlsx'));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
    const paths = calls.map((c) => c.path);
    expect(paths).toContain('/api/reviews/r1/opinion?format=pdf');
    expect(paths).toContain('/api/reviews/r1/opinion?format=xlsx');
    expect(createObjectURL).toHaveBeenCalledTimes(2);
    click.mockRestore();
  });

  it('says so when the review has no completed check yet', async () => {
    mockHub({
      'GET /api/auth/me': meOf('reviewer', REVIEWER),
      'GET /api/reviews/r1': buildReview({ status: 'applied', checkRunId: null }) satisfies ReviewView,
    });
    renderReview();
    expect(await screen.findByText('该审查尚无完成的检查，请先运行检查。')).toBeTruthy();
    expect(screen.queryByTestId('download-pdf')).toBeNull();
  });
});
