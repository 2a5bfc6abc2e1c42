import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../common/app-error';
import { CsrfGuard } from './csrf.guard';

/** A POST signed by the session cookie, with the headers given. */
function cookiePost(headers: Record<string, string>): ExecutionContext {
  const req = {
    method: 'POST',
    headers: { cookie: 'hub_session=x', 'content-type': 'application/json', ...headers },
  };
  return {
    getType: () => 'http',
    getHandler: () => cookiePost,
    getClass: () => CsrfGuard,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

const codeOf = (sut: CsrfGuard, headers: Record<string, string>) => {
  try {
    return sut.canActivate(cookiePost(headers));
  } catch (e) {
    return (e as AppError).code;
  }
};

describe(CsrfGuard.name, () => {
  it('compares the Origin with the Host header when HUB_PUBLIC_ORIGIN is not set, default ports aside', () => {
    const sut = new CsrfGuard(new Reflector(), { HUB_PUBLIC_ORIGIN: undefined, HUB_CORS_ORIGINS: [] });
    expect(codeOf(sut, { host: 'hub.gov.cn', origin: 'https://hub.gov.cn' })).toBe(true);
    expect(codeOf(sut, { host: 'hub.gov.cn:443', origin: 'https://hub.gov.cn' })).toBe(true);
    expect(codeOf(sut, { host: 'hub.gov.cn:4000', origin: 'http://hub.gov.cn:4000' })).toBe(true);
    expect(codeOf(sut, { host: 'hub.gov.cn:4000', origin: 'http://hub.gov.cn' })).toBe('CROSS_SITE_REQUEST');
    expect(codeOf(sut, { host: 'hub.gov.cn', origin: 'https://hub.gov.cn.evil.example' })).toBe(
      'CROSS_SITE_REQUEST',
    );
  });

  it('takes only HUB_PUBLIC_ORIGIN when it is set, whatever Host a proxy forwards', () => {
    const sut = new CsrfGuard(new Reflector(), {
      HUB_PUBLIC_ORIGIN: 'https://hub.gov.cn',
      HUB_CORS_ORIGINS: [],
    });
    expect(codeOf(sut, { host: '10.0.0.5:4000', origin: 'https://hub.gov.cn' })).toBe(true);
    expect(codeOf(sut, { host: '10.0.0.5:4000', origin: 'http://10.0.0.5:4000' })).toBe('CROSS_SITE_REQUEST');
    expect(codeOf(sut, { host: 'hub.gov.cn', origin: 'http://hub.gov.cn' })).toBe('CROSS_SITE_REQUEST');
  });

  it('trusts the origins HUB_CORS_ORIGINS admits, and a browser that says the request is same-origin', () => {
    const sut = new CsrfGuard(new Reflector(), {
      HUB_PUBLIC_ORIGIN: undefined,
      HUB_CORS_ORIGINS: ['https://portal.gov.cn'],
    });
    expect(codeOf(sut, { host: 'hub.gov.cn', origin: 'https://portal.gov.cn' })).toBe(true);
    expect(codeOf(sut, { host: 'hub.gov.cn', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(codeOf(sut, { host: 'hub.gov.cn', 'sec-fetch-site': 'same-site' })).toBe('CROSS_SITE_REQUEST');
  });

  it('takes JSON with parameters and +json types, and refuses text/plain', () => {
    const sut = new CsrfGuard(new Reflector(), { HUB_PUBLIC_ORIGIN: undefined, HUB_CORS_ORIGINS: [] });
    const same = { 'sec-fetch-site': 'same-origin' };
    expect(codeOf(sut, { ...same, 'content-type': 'application/json; charset=utf-8' })).toBe(true);
    expect(codeOf(sut, { ...same, 'content-type': 'application/merge-patch+json' })).toBe(true);
    expect(codeOf(sut, { ...same, 'content-type': 'text/plain' })).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(sut, { ...same, 'content-type': 'application/jsonp' })).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
