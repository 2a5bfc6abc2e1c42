import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { domainNotReserved } from './domain-not-reserved.check';

describe(domainNotReserved.id, () => {
  const project = buildProject({ region: '430621', domain: '智慧教育' });

  it('gives PASS for a domain not listed', () => {
    expect(runCheck(domainNotReserved, { domains: ['智慧医疗'] }, { project }).verdict).toBe('PASS');
  });

  it('gives FAIL for a listed domain', () => {
    expect(runCheck(domainNotReserved, { domains: ['智慧教育'] }, { project }).verdict).toBe('FAIL');
  });

  it('refuses a domain that is not one of the registry’s', () => {
    expect(domainNotReserved.params.safeParse({ domains: ['智慧农业'] }).success).toBe(false);
  });
});
