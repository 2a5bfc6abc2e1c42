import type { Page } from 'playwright-core';

/** The screen sizes the dashboard is laid out for: every screenshot is taken at both. */
export const SCREEN_SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

/**
 * What is wrong with the layout in view, read from the browser (empty when nothing is):
 * - a margin around the page (the browser's default 8 px frame);
 * - the page itself scrolling sideways;
 * - a table column title that wraps (a column squeezed to a character or two);
 * - a table's fixed column lying over the cell before it while the table does not scroll (when it
 *   scrolls, the cells under the fixed column are reached by scrolling).
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => el.getClientRects().length > 0;
    const body = getComputedStyle(document.body);
    if (body.margin !== '0px') problems.push(`the page has a margin of ${body.margin}`);
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth)
      problems.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${window.innerWidth} px`);

    for (const th of Array.from(document.querySelectorAll<HTMLElement>('.ant-table-thead th'))) {
      const title = th.innerText.trim();
      if (!title || !visible(th)) continue;
      const range = document.createRange();
      range.selectNodeContents(th);
      const tops = Array.from(range.getClientRects())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => r.top)
        .sort((a, b) => a - b);
      const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > 8).length;
      if (lines > 1)
        problems.push(
          `column “${title}” wraps to ${lines} lines in ${Math.round(th.getBoundingClientRect().width)} px`,
        );
    }

    for (const cell of Array.from(
      document.querySelectorAll<HTMLElement>('.ant-table-tbody .ant-table-cell-fix-end'),
    )) {
      const before = cell.previousElementSibling;
      if (!before || !visible(cell)) continue;
      const scroller = cell.closest('.ant-table-content, .ant-table-body');
      if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) continue;
      const overlap = before.getBoundingClientRect().right - cell.getBoundingClientRect().left;
      if (overlap > 1)
        problems.push(
          `the fixed column “${cell.innerText.trim()}” covers ${Math.round(overlap)} px of the cell before it`,
        );
    }
    return problems;
  });
}

/** Rows of a table: how many there are, how many lie fully inside the window, the tallest cell content. */
export function tableRows(page: Page, testId: string) {
  return page.evaluate((id) => {
    const rows = Array.from(
      document.querySelectorAll<HTMLElement>(`[data-testid="${id}"] tbody tr.ant-table-row`),
    );
    let tallestLines = 0;
    for (const row of rows) {
      for (const td of Array.from(row.querySelectorAll<HTMLElement>('td'))) {
        const cs = getComputedStyle(td);
        const content = td.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
        tallestLines = Math.max(tallestLines, content / parseFloat(cs.lineHeight));
      }
    }
    return {
      count: rows.length,
      inView: rows.filter((r) => r.getBoundingClientRect().bottom <= window.innerHeight).length,
      /** the tallest cell's content height in lines of its text: at most ~1 when every row is one line */
      tallestLines,
    };
  }, testId);
}
