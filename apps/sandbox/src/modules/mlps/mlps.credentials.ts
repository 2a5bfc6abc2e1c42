/** `X-Api-Token` the MLPS simulator accepts unless `startSandbox` is given another; public on purpose. */
export const MLPS_DEMO_TOKEN = 'sandbox-mlps-token';
