/** What becomes of a dispute (异议): what the API, the CLI and the dashboard filter by. */
export { DISPUTE_STATUSES, type DisputeStatus } from '@hub/vocabulary';
