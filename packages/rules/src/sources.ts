/** Operator-facing names of the upstream systems (defined with the contracts). */
export { SOURCE_TITLES } from '@hub/contracts';
