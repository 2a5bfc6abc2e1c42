/** A lower-level video platform cascaded into the city platform (下级平台级联), GB/T 28181 coded. */
export interface VideoPlatformFact {
  /** 20-digit GB/T 28181 code */
  platformId: string;
  /** the code's first 6 digits (division of its centre code) */
  divisionCode: string;
  name: string;
  ownerUnit: string;
  ownerUnitCode: string | null;
  projectCode: string | null;
  cascadeStatus: 'ONLINE' | 'OFFLINE';
  deviceCount: number;
  lastKeepaliveAt: string | null;
}

/** A video device registered directly or through a cascaded platform. */
export interface VideoDeviceFact {
  /** 20-digit GB/T 28181 code */
  deviceId: string;
  divisionCode: string;
  /** digits 11–13: 111 DVR, 118 NVR, 131 camera, 132 network camera, 200 platform, … */
  typeCode: string;
  /** digit 14: 0–4 surveillance network, 5 public security, 6 e-government, 7 internet */
  networkCode: string;
  name: string;
  ownerUnit: string;
  ownerUnitCode: string | null;
  projectCode: string | null;
  platformId: string | null;
  status: 'ON' | 'OFF' | 'DELETED';
  channelCount: number;
  onlineChannelCount: number;
  registeredAt: string;
  lastKeepaliveAt: string | null;
  updatedAt: string | null;
}
