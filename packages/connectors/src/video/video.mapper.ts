import {
  parseGb28181Code,
  VIDEO_DEVICE_TOMBSTONE_STATUS,
  ZVideoDevice,
  ZVideoPlatform,
  type Gb28181CodeParts,
  type TVideoDevice,
  type TVideoPlatform,
} from '@hub/contracts';
import type { VideoDeviceFact, VideoPlatformFact } from '@hub/rules';
import type { UpstreamRecord } from '../framework/connector';

/** Record kinds of the video source. */
export const VIDEO_KINDS = { platform: 'platform', device: 'device' } as const;

/** How operators call each kind. */
export const VIDEO_KIND_TITLES = {
  platform: { zh: '级联视频平台', en: 'cascaded video platform' },
  device: { zh: '视频设备', en: 'video device' },
} as const;

/**
 * Maps a stored platform payload to the canonical fact. Pure; throws a ZodError when the payload is
 * not a valid platform (only records that passed validation are stored as records).
 */
export function toVideoPlatformFact(payload: unknown): VideoPlatformFact {
  const p = ZVideoPlatform.parse(payload);
  return {
    platformId: p.platformId,
    divisionCode: codeParts(p.platformId).divisionCode,
    name: p.name,
    ownerUnit: p.ownerUnit,
    ownerUnitCode: text(p.ownerUnitCode),
    projectCode: text(p.projectCode),
    cascadeStatus: p.cascadeStatus,
    deviceCount: p.deviceCount,
    lastKeepaliveAt: p.lastKeepaliveAt ?? null,
  };
}

/**
 * Maps a stored device payload to the canonical fact, with the division, type and network read from
 * its GB/T 28181 code. Pure; throws a ZodError on an invalid device.
 */
export function toVideoDeviceFact(payload: unknown): VideoDeviceFact {
  const d = ZVideoDevice.parse(payload);
  const code = codeParts(d.deviceId);
  return {
    deviceId: d.deviceId,
    divisionCode: code.divisionCode,
    typeCode: code.typeCode,
    networkCode: code.networkCode,
    name: d.name,
    ownerUnit: d.ownerUnit,
    ownerUnitCode: text(d.ownerUnitCode),
    projectCode: text(d.projectCode),
    platformId: text(d.platformId),
    status: d.status,
    channelCount: d.channelCount,
    onlineChannelCount: d.onlineChannelCount,
    registeredAt: d.registeredAt,
    lastKeepaliveAt: d.lastKeepaliveAt ?? null,
    updatedAt: d.updatedAt ?? null,
  };
}

/**
 * A validated platform as an upstream record. Its name is the name of the video system it serves, so
 * it is the system name a platform without a project code is matched by. Platforms carry no change
 * time and no tombstone: an `OFFLINE` cascade is a state the rules judge, not a deletion.
 */
export function platformRecord(raw: Record<string, unknown>, platform: TVideoPlatform): UpstreamRecord {
  return {
    kind: VIDEO_KINDS.platform,
    externalId: platform.platformId,
    payload: raw,
    projectCode: text(platform.projectCode),
    systemName: text(platform.name),
    unitCode: text(platform.ownerUnitCode),
    updatedAt: null,
    tombstone: false,
  };
}

/**
 * A validated device as an upstream record. A device names no system (its name is a camera's, e.g.
 * 某路口枪机), so it binds by its own project code or through its cascaded platform
 * (`parentExternalId`); `DELETED` is its tombstone.
 */
export function deviceRecord(raw: Record<string, unknown>, device: TVideoDevice): UpstreamRecord {
  return {
    kind: VIDEO_KINDS.device,
    externalId: device.deviceId,
    payload: raw,
    projectCode: text(device.projectCode),
    systemName: null,
    unitCode: text(device.ownerUnitCode),
    updatedAt: device.updatedAt ?? null,
    tombstone: device.status === VIDEO_DEVICE_TOMBSTONE_STATUS,
    parentExternalId: text(device.platformId),
  };
}

function codeParts(code: string): Gb28181CodeParts {
  const parts = parseGb28181Code(code);
  // Unreachable after schema validation, which checks the same 20-digit pattern.
  if (!parts) throw new Error(`not a 20-digit GB/T 28181 code: ${code}`);
  return parts;
}

/** Optional text as the facts hold it: trimmed, null when absent or blank. */
function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
