/** A business system integrated with 一网通办. */
export interface YwtbSystemFact {
  systemCode: string;
  systemName: string;
  unitName: string;
  unitCode: string;
  projectCode: string | null;
  status: 'ONLINE' | 'TESTING' | 'OFFLINE';
  /** 对接内容 completed; an item the registry does not report is false */
  items: {
    /** 统一身份认证 */
    unifiedIdentity: boolean;
    /** 统一受理 */
    unifiedIntake: boolean;
    /** 办件数据回流 */
    caseDataReturn: boolean;
    /** 好差评 */
    unifiedEvaluation: boolean;
  };
  mattersCount: number | null;
  /** 最近一次办件数据回流时间 */
  lastCaseReturnAt: string | null;
  onlineAt: string | null;
}

/** A service published in the 岳办岳好 app. */
export interface MobileServiceFact {
  serviceId: string;
  serviceName: string;
  unitName: string;
  unitCode: string;
  projectCode: string | null;
  kind: 'H5' | 'MINIAPP' | 'NATIVE_MODULE';
  status: 'ONLINE' | 'REVIEWING' | 'OFFLINE';
  publishedAt: string | null;
  monthlyActiveUsers: number | null;
}

/** An application connected to the city brain hub (城市大脑中枢). */
export interface HubApplicationFact {
  appId: string;
  appName: string;
  unitName: string;
  unitCode: string;
  projectCode: string | null;
  accessMode: 'API' | 'EVENT' | 'DATA' | 'EMBED';
  status: 'CONNECTED' | 'PENDING' | 'DISCONNECTED';
  lastHeartbeatAt: string | null;
}
