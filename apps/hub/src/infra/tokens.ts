/** Injection tokens for the edges that are plain values. */
export const HUB_ENV = Symbol('HUB_ENV');
export const LOGGER = Symbol('LOGGER');
export const DATABASE_URL = Symbol('DATABASE_URL');
