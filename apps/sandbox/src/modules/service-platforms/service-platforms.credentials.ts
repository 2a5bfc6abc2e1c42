/** App key the service-platforms gateway simulator accepts unless `startSandbox` is given other credentials. */
export const SERVICE_PLATFORMS_DEMO_APP_KEY = 'sandbox-service-platforms-key';

/** Secret paired with {@link SERVICE_PLATFORMS_DEMO_APP_KEY}; public on purpose, it guards nothing. */
export const SERVICE_PLATFORMS_DEMO_APP_SECRET = 'sandbox-service-platforms-secret';

/**
 * Codes the simulator answers with that the contract does not document; they follow the A (caller) /
 * B (platform) scheme of its `A0401` and `B0001`, so a client that retries B codes and not A codes
 * treats them correctly.
 */
export const ServicePlatformsSandboxCode = {
  /** a query value the gateway cannot accept (HTTP 400) */
  BAD_REQUEST: 'A0400',
  /** a path the gateway does not have (HTTP 404) */
  NOT_FOUND: 'A0404',
  /** a failure inside the platform (HTTP 500, or 200 when its service answers through the gateway) */
  INTERNAL_ERROR: 'B0100',
} as const;
