import {
  renderOpinionHtml,
  renderOpinionJson,
  renderOpinionPdf,
  renderOpinionXlsx,
  renderPortfolioCsv,
  renderPortfolioXlsx,
  type OpinionDocument,
  type OpinionLanguage,
  type PortfolioRow,
} from '@hub/reports';

import type { OpinionFormat, PortfolioFormat } from './review.types';

export interface RenderedFile {
  contentType: string;
  fileName: string;
  body: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An opinion in one of the export formats and languages (JSON is the document itself, in both), with
 * its download name: the 文号 once issued, the review's number on a draft.
 */
export async function renderOpinion(
  doc: OpinionDocument,
  format: OpinionFormat,
  lang: OpinionLanguage = 'zh',
): Promise<RenderedFile> {
  const base = `${doc.documentNo ?? `${doc.reviewNo}-草稿`}-${doc.project.code}`;
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        fileName: `${base}.json`,
        body: Buffer.from(renderOpinionJson(doc)),
      };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        fileName: `${base}.html`,
        body: Buffer.from(renderOpinionHtml(doc, { lang })),
      };
    case 'pdf':
      return {
        contentType: 'application/pdf',
        fileName: `${base}.pdf`,
        body: await renderOpinionPdf(doc, { lang }),
      };
    case 'xlsx':
      return { contentType: XLSX, fileName: `${base}.xlsx`, body: await renderOpinionXlsx(doc, { lang }) };
  }
}

export async function renderPortfolio(rows: PortfolioRow[], format: PortfolioFormat): Promise<RenderedFile> {
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        fileName: 'portfolio.json',
        body: Buffer.from(JSON.stringify(rows, null, 2)),
      };
    case 'csv':
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: 'portfolio.csv',
        body: renderPortfolioCsv(rows),
      };
    case 'xlsx':
      return { contentType: XLSX, fileName: 'portfolio.xlsx', body: await renderPortfolioXlsx(rows) };
  }
}

/** `Content-Disposition` for a download whose name may be Chinese (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
