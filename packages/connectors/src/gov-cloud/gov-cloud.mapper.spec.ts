import { aGovCloudResource, aGovCloudTenant } from '../testing/gov-cloud.factory';
import { toCloudResourceFact, toCloudTenantFact } from './gov-cloud.mapper';

describe(toCloudResourceFact.name, () => {
  it('maps a resource payload to the canonical fact, vendor nesting flattened', () => {
    const payload = aGovCloudResource({
      type: 'rds',
      environment: 'test',
      networkZone: 'internet',
      status: 'stopped',
      spec: { vcpu: 8, memoryGiB: 64, storageGiB: 500 },
      utilization: { cpuAvg30d: 3.5, memAvg30d: 77 },
    });

    const sut = toCloudResourceFact(payload);

    expect(sut).toEqual({
      resourceId: payload.resourceId,
      tenantId: payload.tenantId,
      projectCode: payload.projectCode,
      systemName: payload.systemName,
      type: 'rds',
      vcpu: 8,
      memoryGiB: 64,
      environment: 'test',
      networkZone: 'internet',
      status: 'stopped',
      createdAt: payload.createdAt,
      updatedAt: payload.updatedAt,
      cpuAvg30d: 3.5,
      memAvg30d: 77,
    });
  });

  it('gives null for missing spec figures, utilization, project code and system name', () => {
    const { projectCode: _p, systemName: _s, utilization: _u, ...payload } = aGovCloudResource({ spec: {} });

    const sut = toCloudResourceFact(payload);

    expect(sut).toMatchObject({
      projectCode: null,
      systemName: null,
      vcpu: null,
      memoryGiB: null,
      cpuAvg30d: null,
      memAvg30d: null,
    });
  });

  it('gives null utilization figures for a resource younger than 7 days (utilization null)', () => {
    const sut = toCloudResourceFact(aGovCloudResource({ utilization: null }));

    expect(sut).toMatchObject({ cpuAvg30d: null, memAvg30d: null });
  });

  it('throws on a payload that is not a valid resource', () => {
    expect(() => toCloudResourceFact({ ...aGovCloudResource(), status: 'deleted' })).toThrow();
  });
});

describe(toCloudTenantFact.name, () => {
  it('maps a tenant payload to the canonical fact', () => {
    const payload = aGovCloudTenant({ purchaseMode: 'county-purchased-service', region: '430602' });

    expect(toCloudTenantFact(payload)).toEqual({
      tenantId: payload.tenantId,
      tenantName: payload.tenantName,
      unitName: payload.unitName,
      unitCode: payload.unitCode,
      region: '430602',
      purchaseMode: 'county-purchased-service',
    });
  });

  it('gives a null purchase mode when the tenant has none', () => {
    const { purchaseMode: _m, ...payload } = aGovCloudTenant();

    expect(toCloudTenantFact(payload).purchaseMode).toBeNull();
  });
});
