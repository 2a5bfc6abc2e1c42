import {
  buildProject,
  buildVideoDevice,
  buildVideoPlatform,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyVideo = builtinRule('YY-VIDEO');

describe(yyVideo.id, () => {
  const sut = (input: FactsInput, settings: Partial<YueyangSettings> = {}) =>
    judge(
      yueyangPack,
      yyVideo.id,
      { project: buildProject({ hasVideoInfrastructure: true }), ...input },
      settings,
    );
  const device = (
    channelCount: number,
    onlineChannelCount: number,
    status: 'ON' | 'OFF' | 'DELETED' = 'ON',
  ) => buildVideoDevice({ channelCount, onlineChannelCount, status });

  it('does not apply to a project without video infrastructure', () => {
    const finding = sut({ project: buildProject({ hasVideoInfrastructure: false }), videoDevices: [] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('登记表载明项目不含视频设施');
  });

  describe('PASS', () => {
    it('passes at exactly the 0.9 ratio, stating the figures and resting on the devices', () => {
      const a = device(6, 6);
      const b = device(4, 3);

      const finding = sut({ videoDevices: [a, b] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        '0 cascaded platform(s) and 2 device(s) registered; online channels 9/10, ratio 0.9, at least 0.9',
      );
      expect(finding.evidence).toEqual([a.evidence, b.evidence]);
    });

    it('counts the devices under a cascaded platform, resting on the platform too', () => {
      const platform = buildVideoPlatform();
      const under = buildVideoDevice({
        platformId: platform.fact.platformId,
        channelCount: 8,
        onlineChannelCount: 8,
      });

      const finding = sut({ videoPlatforms: [platform], videoDevices: [under] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe('已登记 1 个级联平台、1 台设备；在线通道 8/8，比例 1，不低于 0.9');
      expect(finding.evidence).toEqual([platform.evidence, under.evidence]);
    });

    it('leaves DELETED devices out of the ratio and the evidence', () => {
      const live = device(1, 1);
      const gone = device(10, 0, 'DELETED');

      const finding = sut({ videoDevices: [live, gone] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.evidence).toEqual([live.evidence]);
    });

    it('counts a device listed twice once', () => {
      const offline = device(1, 0, 'OFF');
      const online = device(9, 9);

      const finding = sut({ videoDevices: [online, offline, offline] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('online channels 9/10');
    });

    it('passes a 0.85 ratio when the threshold is set to 0.8', () => {
      const videoDevices = [device(20, 17)];

      expect(sut({ videoDevices }).verdict).toBe('FAIL');
      expect(sut({ videoDevices }, { videoMinOnlineRatio: 0.8 }).verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails just below the ratio, naming the devices that are OFF', () => {
      const off = device(1, 0, 'OFF');
      const on = device(8, 8);

      const finding = sut({ videoDevices: [on, off] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `0 cascaded platform(s) and 2 device(s) registered; online channels 8/9, ratio 0.888, below 0.9; devices OFF: ${off.fact.deviceId}`,
      );
    });

    it('counts no online channel on a device that is OFF, whatever it last reported', () => {
      const finding = sut({ videoDevices: [device(5, 5, 'OFF'), device(5, 5)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('online channels 5/10');
    });

    it('fails when nothing of the project is registered', () => {
      const finding = sut({ videoPlatforms: [], videoDevices: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        'No device or cascaded platform of the project is registered on the video sharing platform',
      );
    });

    it('fails when every device was deleted, naming them', () => {
      const gone = device(4, 4, 'DELETED');

      const finding = sut({ videoDevices: [gone] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        `视频共享交换平台上没有该项目登记的设备或级联平台（1 台设备已删除：${gone.fact.deviceId}）`,
      );
      expect(finding.evidence).toEqual([gone.evidence]);
    });

    it('fails a cascaded platform that reports no channel at all', () => {
      const platform = buildVideoPlatform({ deviceCount: 0 });

      const finding = sut({ videoPlatforms: [platform], videoDevices: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('but no video channel at all');
      expect(finding.evidence).toEqual([platform.evidence]);
    });
  });

  describe('GB/T 28181 codes of another city', () => {
    /** The same device coded under 长沙市 (4301): registered, but not with this city's platform. */
    const foreign = (channels: number, online: number) => {
      const d = device(channels, online);
      return {
        ...d,
        fact: { ...d.fact, deviceId: `4301${d.fact.deviceId.slice(4)}`, divisionCode: '430100' },
      };
    };

    it('fails a project whose only devices are coded in another city, listing their codes', () => {
      const elsewhere = foreign(4, 4);

      const finding = sut({ videoDevices: [elsewhere] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        `视频共享交换平台上没有该项目登记的设备或级联平台；国标编码不属于本市（4306）、不计为接入本市平台：${elsewhere.fact.deviceId}`,
      );
      expect(finding.evidence).toEqual([elsewhere.evidence]);
    });

    it('leaves them out of the channel ratio: 4/4 online here and 0/4 elsewhere passes, listing the other', () => {
      const here = device(4, 4);
      const elsewhere = foreign(4, 0);

      const finding = sut({ videoDevices: [here, elsewhere] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toContain('在线通道 4/4');
      expect(finding.reason.zh).toContain(`不计为接入本市平台：${elsewhere.fact.deviceId}`);
      expect(finding.evidence).toEqual([here.evidence, elsewhere.evidence]);
    });

    it('does not count a cascaded platform coded in another city', () => {
      const platform = buildVideoPlatform();
      const elsewhere = {
        ...platform,
        fact: { ...platform.fact, platformId: `4310${platform.fact.platformId.slice(4)}` },
      };

      const finding = sut({ videoPlatforms: [elsewhere], videoDevices: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(`not counted as connected here: ${elsewhere.fact.platformId}`);
    });
  });

  it('gives UNKNOWN naming the video platform when its sync failed', () => {
    const finding = sut({
      videoDevices: [device(1, 1)],
      sources: { video: failedSource('video', 'timeout') },
    });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.zh).toBe('视频共享交换平台最近一次同步失败：timeout');
  });
});
