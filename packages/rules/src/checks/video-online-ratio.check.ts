import type { BoundFact, VideoDeviceFact } from '../facts';
import { evidenceOf, fail, pass } from '../shared/outcome';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZRatio } from './params';

type Device = BoundFact<VideoDeviceFact>;

/** Ratio for a reason, rounded down to 3 decimals so that a ratio just under the threshold never prints as it. */
const ratioText = (ratio: number): string => String(Math.floor(ratio * 1000) / 1000);

export const videoOnlineRatio = defineCheck({
  id: 'video-online-ratio',
  title: { zh: '视频设施接入及在线率', en: 'Video registered and online' },
  description: {
    zh: '视频共享交换平台上登记了本市国标编码的设备或级联平台，且在线通道比例不低于 minRatio；其他城市编码不计入并在原因中列出',
    en: "Devices or cascaded platforms with the city's GB/T 28181 codes are registered, online channels / channels at least `minRatio`; other cities' codes are listed, not counted",
  },
  params: z.strictObject({ minRatio: ZRatio }),
  sources: ['video'],
  // Reading: the project's devices are those the platform binds to it, directly or under its cascaded
  // platforms, each counted once; DELETED devices are gone; a device that is OFF has no channel
  // online whatever count it last reported; a registration with no channel at all shares no video
  // (FAIL). A device or platform whose GB/T 28181 code does not start with the city's prefecture (the
  // first 4 digits of its division code) is not connected to this city's platform: it is not counted,
  // and the reason lists it.
  evaluate: ({ video, divisionCode }, params) => {
    const prefecture = divisionCode.slice(0, 4);
    const inCity = (code: string) => code.startsWith(prefecture);
    const foreign = [
      ...video.platforms
        .filter((p) => !inCity(p.fact.platformId))
        .map((p) => ({ code: p.fact.platformId, evidence: p.evidence })),
      ...video.devices
        .filter((d) => !inCity(d.fact.deviceId))
        .map((d) => ({ code: d.fact.deviceId, evidence: d.evidence })),
    ];
    const foreignNote = foreign.length
      ? {
          zh: `；国标编码不属于本市（${prefecture}）、不计为接入本市平台：${[...new Set(foreign.map((f) => f.code))].join('、')}`,
          en: `; GB/T 28181 codes outside the city (${prefecture}), not counted as connected here: ${[...new Set(foreign.map((f) => f.code))].join(', ')}`,
        }
      : { zh: '', en: '' };
    const platforms = video.platforms.filter((p) => inCity(p.fact.platformId));
    const unique = new Map<string, Device>();
    for (const d of video.devices) {
      if (inCity(d.fact.deviceId) && !unique.has(d.fact.deviceId)) unique.set(d.fact.deviceId, d);
    }
    const deleted = [...unique.values()].filter((d) => d.fact.status === 'DELETED');
    const devices = [...unique.values()].filter((d) => d.fact.status !== 'DELETED');
    const evidence = [...evidenceOf(platforms), ...evidenceOf(devices), ...evidenceOf(foreign)];
    if (platforms.length === 0 && devices.length === 0) {
      const note = deleted.length
        ? {
            zh: `（${deleted.length} 台设备已删除：${deleted.map((d) => d.fact.deviceId).join('、')}）`,
            en: ` (${deleted.length} device(s) deleted: ${deleted.map((d) => d.fact.deviceId).join(', ')})`,
          }
        : { zh: '', en: '' };
      return fail(
        `视频共享交换平台上没有该项目登记的设备或级联平台${note.zh}${foreignNote.zh}`,
        `No device or cascaded platform of the project is registered on the video sharing platform${note.en}${foreignNote.en}`,
        [...evidenceOf(deleted), ...evidenceOf(foreign)],
      );
    }
    const channels = devices.reduce((n, d) => n + d.fact.channelCount, 0);
    const online = devices.reduce(
      (n, d) => n + (d.fact.status === 'ON' ? Math.min(d.fact.onlineChannelCount, d.fact.channelCount) : 0),
      0,
    );
    const registered = {
      zh: `已登记 ${platforms.length} 个级联平台、${devices.length} 台设备`,
      en: `${platforms.length} cascaded platform(s) and ${devices.length} device(s) registered`,
    };
    const threshold = params.minRatio;
    if (channels === 0) {
      return fail(
        `${registered.zh}，但没有任何视频通道，在线通道比例无法达到 ${threshold}${foreignNote.zh}`,
        `${registered.en}, but no video channel at all: the online ratio cannot reach ${threshold}${foreignNote.en}`,
        evidence,
      );
    }
    const ratio = online / channels;
    const figures = {
      zh: `在线通道 ${online}/${channels}，比例 ${ratioText(ratio)}`,
      en: `online channels ${online}/${channels}, ratio ${ratioText(ratio)}`,
    };
    if (ratio >= threshold) {
      return pass(
        `${registered.zh}；${figures.zh}，不低于 ${threshold}${foreignNote.zh}`,
        `${registered.en}; ${figures.en}, at least ${threshold}${foreignNote.en}`,
        evidence,
      );
    }
    const off = devices.filter((d) => d.fact.status === 'OFF').map((d) => d.fact.deviceId);
    const offNote = off.length
      ? { zh: `；离线设备：${off.join('、')}`, en: `; devices OFF: ${off.join(', ')}` }
      : { zh: '', en: '' };
    return fail(
      `${registered.zh}；${figures.zh}，低于 ${threshold}${offNote.zh}${foreignNote.zh}`,
      `${registered.en}; ${figures.en}, below ${threshold}${offNote.en}${foreignNote.en}`,
      evidence,
    );
  },
});
