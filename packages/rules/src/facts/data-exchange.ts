/** 接入系统: an information system registered on the data exchange platform. */
export interface ExchangeSystemFact {
  systemId: string;
  systemName: string;
  unitName: string;
  unitCode: string;
  projectCode: string | null;
  accessStatus: 'CONNECTED' | 'APPLYING' | 'DISCONNECTED';
  connectedAt: string | null;
  modifiedAt: string;
}

/** 政务信息资源目录 entry, with its sharing attributes. Belongs to a project through its system. */
export interface CatalogEntryFact {
  /** 政务信息资源代码 */
  resourceCode: string;
  resourceName: string;
  systemId: string;
  providerUnit: string;
  /** 无条件共享 / 有条件共享 / 不予共享 */
  shareType: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';
  /** legal basis for NOT_SHARED */
  notSharedBasis: string | null;
  updateCycle: 'REALTIME' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
  /** NONE = catalogued, no data mounted; null when the platform does not say */
  mountType: 'API' | 'DATABASE' | 'FILE' | 'NONE' | null;
  lastDataUpdateAt: string | null;
  status: 'PUBLISHED' | 'DRAFT' | 'OFFLINE';
  modifiedAt: string;
}

/** Exchange statistics of one system over the last `days` days. Belongs to a project through its system. */
export interface ExchangeStatsFact {
  systemId: string;
  days: number;
  /** 对外提供数据的调用次数 */
  providedCalls: number;
  /** 调用其他部门数据的次数 */
  consumedCalls: number;
  failedCalls: number;
  lastExchangeAt: string | null;
}
