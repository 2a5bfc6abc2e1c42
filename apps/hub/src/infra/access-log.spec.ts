import { accessLogUrl } from './access-log';
import { LOG_CENSOR } from './logger';

describe(accessLogUrl.name, () => {
  it('censors the OIDC callback’s code and state, keeping the path and the other parameters', () => {
    expect(accessLogUrl('/api/auth/oidc/callback?code=c0de-abc&state=st8-xyz&iss=https%3A%2F%2Fidp')).toBe(
      `/api/auth/oidc/callback?code=${LOG_CENSOR}&state=${LOG_CENSOR}&iss=https%3A%2F%2Fidp`,
    );
  });

  it('censors credential parameters whatever their case or escaping', () => {
    expect(accessLogUrl('/api/x?Access_Token=t1&pass%77ord=p1&q=%E5%B2%B3%E9%98%B3&page=2')).toBe(
      `/api/x?Access_Token=${LOG_CENSOR}&pass%77ord=${LOG_CENSOR}&q=%E5%B2%B3%E9%98%B3&page=2`,
    );
  });

  it('leaves a URL without a query, a bare flag and a malformed escape as they are', () => {
    expect(accessLogUrl('/api/projects/25-430600-0001')).toBe('/api/projects/25-430600-0001');
    expect(accessLogUrl('/api/x?token&q=%E5%')).toBe('/api/x?token&q=%E5%');
  });
});
