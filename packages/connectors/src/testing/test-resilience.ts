/**
 * Resilience settings of connector tests: backoff of a millisecond or two, so tests never sleep for
 * real seconds; a roomy attempt timeout, so a busy machine never turns a prompt answer into a retry
 * (tests of timeouts set their own); no request spacing and no circuit unless a test asks for them;
 * and no second ask of a lost page, which the conformance suite and `framework/patience.spec.ts` test.
 */
export const TEST_RESILIENCE = {
  timeoutMs: 2_000,
  maxAttempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 2,
  breakerThreshold: 50,
  breakerCooldownMs: 60,
  maxRequestsPerSecond: 0,
  reaskLostPages: false,
} as const;
