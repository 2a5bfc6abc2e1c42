import { buildResource, buildTenant } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { tenantPurchaseMode } from './tenant-purchase-mode.check';

describe(tenantPurchaseMode.id, () => {
  const withTenant = (mode: 'county-purchased-service' | 'city-allocated' | null) => {
    const tenant = buildTenant({ purchaseMode: mode });
    return { resources: [buildResource({ tenantId: tenant.fact.tenantId })], tenants: [tenant] };
  };

  it('gives PASS when every tenant is a purchased county service', () => {
    expect(runCheck(tenantPurchaseMode, {}, withTenant('county-purchased-service')).verdict).toBe('PASS');
  });

  it('gives FAIL for a city-allocated tenant', () => {
    expect(runCheck(tenantPurchaseMode, {}, withTenant('city-allocated')).verdict).toBe('FAIL');
  });

  it('gives UNKNOWN for a tenant without a purchase mode', () => {
    expect(runCheck(tenantPurchaseMode, {}, withTenant(null)).verdict).toBe('UNKNOWN');
  });

  it('gives NOT_APPLICABLE without resources', () => {
    expect(runCheck(tenantPurchaseMode, {}, { resources: [] }).verdict).toBe('NOT_APPLICABLE');
  });
});
