import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERDICT_COLORS } from '../../components/common';
import { PACKS_WITH_DIVISIONS } from '../../testing/packs.fixtures';
import { meOf, mockHub, renderPage } from '../../testing/render';
import ProjectsPage from './projects.page';
import { CZ_RULES, page, portfolioItem, UNIT, YY_RULES } from './testing/project.fixtures';

const reviewer = meOf('reviewer', ['projects:read', 'packs:read']);

function hub(items = [portfolioItem('25-430600-0001', { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'PASS' })]) {
  return mockHub({
    'GET /api/auth/me': reviewer,
    'GET /api/portfolio': ({ url }) =>
      url.searchParams.get('format') === 'xlsx' ? { file: 'xlsx' } : page(items),
    'GET /api/packs': PACKS_WITH_DIVISIONS,
    'GET /api/packs/yueyang/rules': YY_RULES,
    'GET /api/packs/chenzhou/rules': CZ_RULES,
  });
}

const portfolioCalls = (calls: { method: string; path: string }[]) =>
  calls
    .filter((c) => c.path.startsWith('/api/portfolio'))
    .map((c) => new URL(c.path, 'http://hub.test').searchParams);

// Lazy Ant Design parts and chained queries take longer than the default second on a loaded machine.
configure({ asyncUtilTimeout: 4000 });

describe('ProjectsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the hub for the page of the view the URL names, with the filters under the API’s names', async () => {
    const { calls } = hub();
    renderPage(<ProjectsPage />, {
      path: `/projects?q=协同&unit=${UNIT}&region=430600&pack=yueyang&readiness=notReady&rule=YY-CLOUD-DEPLOY&verdict=FAIL&domain=cloud&page=2&pageSize=50`,
      pattern: '/projects',
    });

    expect(await screen.findByText('25-430600-0001')).toBeTruthy();
    const [query] = portfolioCalls(calls);
    expect(Object.fromEntries(query!)).toEqual({
      q: '协同',
      unitCode: UNIT,
      region: '430600',
      pack: 'yueyang',
      readiness: 'not-ready',
      ruleId: 'YY-CLOUD-DEPLOY',
      verdict: 'FAIL',
      domain: 'cloud',
      page: '2',
      pageSize: '50',
    });
  });

  it('searches from the first page and keeps the search in the URL', async () => {
    const { calls } = hub();
    const { router } = renderPage(<ProjectsPage />, { path: '/projects?page=3', pattern: '/projects' });
    await screen.findByText('25-430600-0001');

    const search = screen.getByTestId('projects-search');
    fireEvent.change(search, { target: { value: '应急' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });

    await waitFor(() => expect(portfolioCalls(calls).at(-1)?.get('q')).toBe('应急'));
    expect(portfolioCalls(calls).at(-1)?.get('page')).toBe('1');
    expect(router.state.location.search).toContain('q=');
    expect(new URLSearchParams(router.state.location.search).get('page')).toBeNull();
  });

  it('leaves out a filter value the hub would refuse', async () => {
    const { calls } = hub();
    renderPage(<ProjectsPage />, {
      path: '/projects?region=43&verdict=MAYBE&readiness=soon',
      pattern: '/projects',
    });
    await screen.findByText('25-430600-0001');
    const query = portfolioCalls(calls)[0]!;
    expect(query.has('region')).toBe(false);
    expect(query.has('verdict')).toBe(false);
    expect(query.has('readiness')).toBe(false);
  });

  it('lists each project with its readiness, failing counts and a link to it', async () => {
    hub([
      portfolioItem('25-430600-0001', { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'UNKNOWN' }),
      portfolioItem('25-430600-0002', {}),
    ]);
    renderPage(<ProjectsPage />, { path: '/projects', pattern: '/projects' });
    const table = await screen.findByTestId('projects-table');
    const first = (await within(table).findByText('25-430600-0001')).closest('tr')!;
    expect(within(first).getByText('不具备验收条件')).toBeTruthy();
    expect(within(first).getByText('25-430600-0001').closest('a')!.getAttribute('href')).toBe(
      '/projects/25-430600-0001',
    );
    const second = within(table).getByText('25-430600-0002').closest('tr')!;
    expect(within(second).getByText('未检查')).toBeTruthy();
    expect(screen.getByText('共 2 个项目')).toBeTruthy();
  });

  it('names each project’s division, the city’s own code as 市本级, and filters by a division chosen by name', async () => {
    const { calls } = hub([
      portfolioItem('25-430600-0001', {}),
      portfolioItem('25-430602-0001', {}, { region: '430602' }),
    ]);
    renderPage(<ProjectsPage />, { path: '/projects', pattern: '/projects' });
    const table = await screen.findByTestId('projects-table');
    const city = (await within(table).findByText('25-430600-0001')).closest('tr')!;
    expect(await within(city).findByText('岳阳市（市本级）')).toBeTruthy();
    const county = within(table).getByText('25-430602-0001').closest('tr')!;
    expect(within(county).getByText('岳阳市岳阳楼区')).toBeTruthy();
    expect(within(table).queryByText('430602')).toBeNull();

    const region = within(screen.getByTestId('projects-filter-region')).getByRole('combobox');
    fireEvent.mouseDown(region);
    fireEvent.click(await screen.findByTitle('郴州市北湖区'));
    await waitFor(() => expect(portfolioCalls(calls).at(-1)?.get('region')).toBe('431002'));
  });

  it('colours each matrix cell by the rule’s verdict, only for the rules of the packs in view, and opens the project', async () => {
    hub([portfolioItem('25-430600-0001', { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'PASS' })]);
    const { router } = renderPage(<ProjectsPage />, { path: '/projects?view=matrix', pattern: '/projects' });

    const matrix = await screen.findByTestId('projects-matrix');
    const fail = await within(matrix).findByTestId('matrix-cell-25-430600-0001-YY-CLOUD-DEPLOY');
    const pass = within(matrix).getByTestId('matrix-cell-25-430600-0001-YY-PLAN');
    expect(fail.dataset.verdict).toBe('FAIL');
    expect(fail.style.background).toBe(hexToRgb(VERDICT_COLORS.FAIL));
    expect(pass.style.background).toBe(hexToRgb(VERDICT_COLORS.PASS));
    // A Yueyang project's page shows no Chenzhou rule.
    expect(within(matrix).queryByTestId('matrix-cell-25-430600-0001-CZ-CLOUD')).toBeNull();

    fireEvent.click(fail);
    await waitFor(() => expect(router.state.location.pathname).toBe('/projects/25-430600-0001'));
  });

  it('narrows the matrix to the rules of the chosen review domain', async () => {
    hub([portfolioItem('25-430600-0001', { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'PASS' })]);
    renderPage(<ProjectsPage />, { path: '/projects?view=matrix&domain=management', pattern: '/projects' });
    const matrix = await screen.findByTestId('projects-matrix');
    expect(await within(matrix).findByTestId('matrix-cell-25-430600-0001-YY-PLAN')).toBeTruthy();
    expect(within(matrix).queryByTestId('matrix-cell-25-430600-0001-YY-CLOUD-DEPLOY')).toBeNull();
  });

  it('exports the view with the same filters as xlsx, without paging', async () => {
    const createObjectURL = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const { calls } = hub();
    renderPage(<ProjectsPage />, {
      path: '/projects?pack=chenzhou&readiness=ready&page=2',
      pattern: '/projects',
    });
    await screen.findByText('25-430600-0001');

    fireEvent.click(screen.getByTestId('projects-export'));

    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const exported = portfolioCalls(calls).find((q) => q.get('format') === 'xlsx')!;
    expect(Object.fromEntries(exported)).toEqual({ pack: 'chenzhou', readiness: 'ready', format: 'xlsx' });
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
