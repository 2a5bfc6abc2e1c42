import type nock from 'nock';
import { DATA_EXCHANGE_PATHS } from '@hub/contracts';
import { tokenBody } from './data-exchange.factory';

export const DATA_EXCHANGE_TEST_BASE_URL = 'http://data-exchange.test';
export const DATA_EXCHANGE_TEST_CREDENTIALS = {
  clientId: 'hub-test-client',
  clientSecret: 'hub-test-secret',
} as const;

/** The form `POST /oauth/token` must carry for the test credentials. */
export const TOKEN_FORM = {
  grant_type: 'client_credentials',
  client_id: DATA_EXCHANGE_TEST_CREDENTIALS.clientId,
  client_secret: DATA_EXCHANGE_TEST_CREDENTIALS.clientSecret,
} as const;

/**
 * Adds to `scope` one token grant per token given, in order: each answers only a form POST with the
 * test credentials, so a client that sends JSON or other credentials fails the test.
 */
export function grantsTokens(scope: nock.Scope, tokens: readonly string[], expiresIn = 7200): nock.Scope {
  for (const token of tokens) {
    scope
      .post(DATA_EXCHANGE_PATHS.token, TOKEN_FORM)
      .matchHeader('content-type', /^application\/x-www-form-urlencoded/)
      .reply(200, tokenBody(token, expiresIn));
  }
  return scope;
}
