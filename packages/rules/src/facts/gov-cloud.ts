/** 政务云资源 (gov-cloud resource). */
export interface CloudResourceFact {
  resourceId: string;
  tenantId: string;
  projectCode: string | null;
  systemName: string | null;
  type: string;
  vcpu: number | null;
  memoryGiB: number | null;
  /** 生产区 / 测试区 */
  environment: 'production' | 'test';
  /** 电子政务外网区 / 互联网区 / 专网区 */
  networkZone: 'egov-extranet' | 'internet' | 'private';
  status: 'running' | 'stopped' | 'released';
  createdAt: string;
  updatedAt: string;
  /** 30-day averages in percent; null when the cloud has no figures yet */
  cpuAvg30d: number | null;
  memAvg30d: number | null;
}

/** 政务云租户 (gov-cloud tenant). */
export interface CloudTenantFact {
  tenantId: string;
  tenantName: string;
  unitName: string;
  unitCode: string;
  region: string;
  /** absent on some tenants: then a rule that needs it cannot decide */
  purchaseMode: 'city-allocated' | 'county-purchased-service' | null;
}
