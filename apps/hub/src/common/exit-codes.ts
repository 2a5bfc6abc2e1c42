/**
 * How a hub process ends (`npm start`, `hub …`): 0 after an orderly stop or a command that did its
 * work, 1 when it failed, 2 for a command line that is not valid usage, 78 (EX_CONFIG) for a bad
 * environment. Commands may add their own (`hub audit verify`: 3 for a broken trail).
 */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CONFIG = 78;
