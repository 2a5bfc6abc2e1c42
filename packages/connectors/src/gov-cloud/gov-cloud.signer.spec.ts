import { govCloudSignature } from '@hub/contracts';
import { buildPathWithQuery, signGovCloudRequest } from './gov-cloud.signer';

describe(buildPathWithQuery.name, () => {
  it('sorts parameters by name, encodes values strictly and leaves out absent ones', () => {
    const sut = buildPathWithQuery('/openapi/v1/resources', {
      updatedSince: '2025-03-01T08:00:00+08:00',
      limit: 500,
      cursor: "a/b c!'",
      tenantId: undefined,
      projectCode: null,
      empty: '',
    });

    expect(sut).toBe(
      '/openapi/v1/resources?cursor=a%2Fb%20c%21%27&limit=500&updatedSince=2025-03-01T08%3A00%3A00%2B08%3A00',
    );
  });

  it('returns the bare path without parameters', () => {
    expect(buildPathWithQuery('/openapi/v1/tenants', {})).toBe('/openapi/v1/tenants');
  });
});

describe(signGovCloudRequest.name, () => {
  it('signs method, path with query, timestamp and nonce with the secret key', () => {
    const sut = signGovCloudRequest({
      method: 'GET',
      pathWithQuery: '/openapi/v1/tenants?pageNo=1&pageSize=100',
      accessKey: 'ak-1',
      secretKey: 'sk-1',
      now: () => 1_760_000_000_000,
      nonce: () => 'n-1',
    });

    expect(sut).toEqual({
      'X-Ak': 'ak-1',
      'X-Timestamp': '1760000000000',
      'X-Nonce': 'n-1',
      'X-Signature': govCloudSignature({
        method: 'GET',
        pathWithQuery: '/openapi/v1/tenants?pageNo=1&pageSize=100',
        timestamp: '1760000000000',
        nonce: 'n-1',
        secretKey: 'sk-1',
      }),
    });
    expect(sut['X-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a new random nonce for every signature', () => {
    const sign = () =>
      signGovCloudRequest({ method: 'GET', pathWithQuery: '/x', accessKey: 'a', secretKey: 's' })['X-Nonce'];

    expect(sign()).not.toBe(sign());
  });
});
