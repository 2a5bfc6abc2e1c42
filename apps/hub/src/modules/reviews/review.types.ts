/** What a review decides (同意竣工验收 / 不同意 / 整改后复核). */
export const REVIEW_DECISIONS = ['approve', 'reject', 'rectify'] as const;

/** The documents a review's opinion and the portfolio are exported as. */
export const OPINION_FORMATS = ['json', 'html', 'pdf', 'xlsx'] as const;
export type OpinionFormat = (typeof OPINION_FORMATS)[number];
export const PORTFOLIO_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];
