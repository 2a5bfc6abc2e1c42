export * from './opinion.types';
export * from './labels';
export { chineseDate, formatBeijingTime, formatDateOrInstant, shortHash, OPINION_TIME_ZONE } from './format';
export { opinionConclusion, type OpinionConclusion } from './opinion.view';
export { renderOpinionHtml, escapeHtml } from './opinion.html';
export { renderOpinionPdf, opinionPdfDefinition } from './opinion.pdf';
export { CJK_FONT_PACKAGE, CJK_FONT_FAMILY, cjkFontFiles, type CjkFontFiles } from './cjk-font';
export {
  renderOpinionXlsx,
  OPINION_SUMMARY_SHEET,
  OPINION_DOMAIN_SHEETS,
  FINDING_COLUMNS,
  findingColumns,
} from './opinion.xlsx';
export { renderOpinionJson } from './opinion.json';
export { renderPortfolioXlsx, renderPortfolioCsv, PORTFOLIO_SHEET, PORTFOLIO_COLUMNS } from './portfolio';
