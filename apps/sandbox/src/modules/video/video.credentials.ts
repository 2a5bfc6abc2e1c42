/** Bearer token the video simulator accepts unless `startSandbox` is given another; public on purpose. */
export const VIDEO_DEMO_TOKEN = 'sandbox-video-token';

/**
 * Envelope code (and HTTP status) of a request the simulator cannot read (bad query value). The
 * contract documents none; 400 follows its habit of mirroring HTTP statuses in `code` (200, 500), so a
 * client that treats 4xx as "our fault" does not retry it.
 */
export const VIDEO_BAD_REQUEST = 400;
