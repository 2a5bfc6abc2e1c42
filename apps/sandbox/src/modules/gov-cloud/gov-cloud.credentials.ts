/** Access key the gov-cloud simulator accepts unless `startSandbox` is given other credentials. */
export const GOV_CLOUD_DEMO_ACCESS_KEY = 'sandbox-gov-cloud-ak';

/** Secret key paired with {@link GOV_CLOUD_DEMO_ACCESS_KEY}; public on purpose, it guards nothing. */
export const GOV_CLOUD_DEMO_SECRET_KEY = 'sandbox-gov-cloud-sk';

/**
 * Envelope code of a request the simulator cannot read (bad query value, foreign cursor). The contract
 * documents no code for this; 40000 follows its numbering (HTTP status × 100), so a client that maps
 * 4xxxx codes to "our fault" treats it correctly.
 */
export const GOV_CLOUD_BAD_REQUEST = 40000;
