import { evaluateProject } from '../../engine';
import {
  NOW,
  buildFacts,
  buildProject,
  buildResource,
  buildTenant,
  hoursBeforeNow,
  syncedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { findingOf } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyCloudCounty = builtinRule('YY-CLOUD-COUNTY');

/** 岳阳县: a county of Yueyang. */
const COUNTY = '430621';

describe(yyCloudCounty.id, () => {
  const sut = (input: FactsInput) =>
    findingOf(
      evaluateProject(yueyangPack, buildFacts({ project: buildProject({ region: COUNTY }), ...input }), {
        now: NOW,
      }),
      yyCloudCounty.id,
    );
  const countyTenant = () => buildTenant({ region: COUNTY, purchaseMode: 'county-purchased-service' });
  const cityTenant = () => buildTenant({ purchaseMode: 'city-allocated' });
  const on = (
    tenant: ReturnType<typeof buildTenant>,
    status: 'running' | 'stopped' | 'released' = 'running',
  ) => buildResource({ tenantId: tenant.fact.tenantId, status });

  describe('NOT_APPLICABLE', () => {
    it('does not apply to a city-level project, even on a city-allocated tenant', () => {
      const tenant = cityTenant();

      const finding = sut({
        project: buildProject({ region: '430600' }),
        resources: [on(tenant)],
        tenants: [tenant],
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason).toEqual({ zh: '市本级项目', en: 'City-level project' });
    });

    it('does not judge a county project that holds no cloud resource', () => {
      const finding = sut({ resources: [], tenants: [cityTenant()] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.en).toBe('No cloud resources: no tenant to judge');
    });

    it('does not judge a county project whose resources were all released', () => {
      const tenant = cityTenant();

      const finding = sut({ resources: [on(tenant, 'released')], tenants: [tenant] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
    });
  });

  describe('PASS', () => {
    it('passes when its tenant is bought as a county service, resting on the resource and the tenant', () => {
      const tenant = countyTenant();
      const vm = on(tenant);

      const finding = sut({ resources: [vm], tenants: [tenant] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason).toEqual({
        zh: `租户 ${tenant.fact.tenantId} 均为县市区购买服务方式`,
        en: `Tenant(s) ${tenant.fact.tenantId} are bought as a county service`,
      });
      expect(finding.evidence).toEqual([vm.evidence, tenant.evidence]);
    });

    it('names each tenant once when several resources share it and another tenant is also county-bought', () => {
      const a = countyTenant();
      const b = countyTenant();

      const finding = sut({ resources: [on(a), on(a), on(b, 'stopped')], tenants: [a, b] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        `Tenant(s) ${a.fact.tenantId}, ${b.fact.tenantId} are bought as a county service`,
      );
      expect(finding.evidence.filter((e) => e.kind === 'tenant')).toEqual([a.evidence, b.evidence]);
    });

    it('ignores city-allocated tenants that hold none of the project resources', () => {
      const mine = countyTenant();
      const other = cityTenant();

      const finding = sut({ resources: [on(mine)], tenants: [other, mine] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.evidence).not.toContainEqual(other.evidence);
    });

    it('ignores a city-allocated tenant whose only resource of the project was released', () => {
      const mine = countyTenant();
      const old = cityTenant();

      const finding = sut({ resources: [on(mine), on(old, 'released')], tenants: [mine, old] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).not.toContain(old.fact.tenantId);
    });
  });

  describe('FAIL', () => {
    it('fails a county project with mixed tenants when one is city-allocated, naming only that one', () => {
      const good = countyTenant();
      const wrong = cityTenant();
      const a = on(good);
      const b = on(wrong);

      const finding = sut({ resources: [a, b], tenants: [good, wrong] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        `租户 ${wrong.fact.tenantId} 为市级分配（city-allocated），县市区项目应以购买服务方式部署`,
      );
      expect(finding.reason.en).not.toContain(good.fact.tenantId);
      expect(finding.evidence).toEqual([a.evidence, b.evidence, good.evidence, wrong.evidence]);
    });

    it('fails on a city-allocated tenant holding only a stopped resource', () => {
      const wrong = cityTenant();

      const finding = sut({ resources: [on(wrong, 'stopped')], tenants: [wrong] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(wrong.fact.tenantId);
    });

    it('fails rather than gives UNKNOWN when another tenant is undecided', () => {
      const wrong = cityTenant();
      const missing = buildResource({ tenantId: 'tenant-not-listed' });

      const finding = sut({ resources: [on(wrong), missing], tenants: [wrong] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `Tenant(s) ${wrong.fact.tenantId} are city-allocated; county projects must buy the cloud as a service`,
      );
    });

    it('blocks readiness', () => {
      const wrong = cityTenant();

      const evaluation = evaluateProject(
        yueyangPack,
        buildFacts({ project: buildProject({ region: COUNTY }), resources: [on(wrong)], tenants: [wrong] }),
        { now: NOW },
      );

      expect(evaluation.readiness.blockingRuleIds).toContain(yyCloudCounty.id);
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming a tenant missing from the tenant list', () => {
      const good = countyTenant();
      const orphan = buildResource({ tenantId: 'tenant-not-listed' });

      const finding = sut({ resources: [on(good), orphan], tenants: [good] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('租户 tenant-not-listed 缺少购买方式信息或未在租户清单中，无法判断');
      expect(finding.reason.en).not.toContain(good.fact.tenantId);
      expect(finding.evidence).toContainEqual(orphan.evidence);
    });

    it('gives UNKNOWN naming a tenant that has no purchase mode, resting on that tenant', () => {
      const vague = buildTenant({ region: COUNTY, purchaseMode: null });

      const finding = sut({ resources: [on(vague)], tenants: [vague] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toBe(
        `Tenant(s) ${vague.fact.tenantId} have no purchase mode or are missing from the tenant list: cannot decide`,
      );
      expect(finding.evidence).toContainEqual(vague.evidence);
    });

    it('gives UNKNOWN when the cloud inventory is stale', () => {
      const tenant = countyTenant();

      const finding = sut({
        resources: [on(tenant)],
        tenants: [tenant],
        sources: { 'gov-cloud': syncedSource('gov-cloud', { finishedAt: hoursBeforeNow(72) }) },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务云资源台账数据已过期');
    });

    it('gives UNKNOWN when a suggested resource sits on a city-allocated tenant', () => {
      const good = countyTenant();
      const wrong = cityTenant();
      const suggested = buildResource({ tenantId: wrong.fact.tenantId }, 'suggested');

      const finding = sut({ resources: [on(good), suggested], tenants: [good, wrong] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(suggested.fact.resourceId);
      expect(finding.reason.en).toContain(
        `If confirmed: Tenant(s) ${wrong.fact.tenantId} are city-allocated`,
      );
      expect(finding.evidence).toContainEqual(suggested.evidence);
    });
  });
});
