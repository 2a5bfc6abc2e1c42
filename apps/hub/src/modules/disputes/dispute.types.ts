/** What becomes of a dispute (异议): what the API, the CLI and the dashboard filter by. */
export const DISPUTE_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
