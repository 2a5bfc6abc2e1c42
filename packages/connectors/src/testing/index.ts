/**
 * Test support for code that uses the connectors (`@hub/connectors/testing`, source only, never
 * built): gov-cloud record factories, the fake cloud's signature check for nock, a recording
 * logger and a collecting sink.
 */
export * from './gov-cloud.factory';
export * from './gov-cloud.nock';
export * from './recording-logger';
export * from './sink';
