import { buildVideoDevice } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { videoOnlineRatio } from './video-online-ratio.check';

describe(videoOnlineRatio.id, () => {
  const devices = [buildVideoDevice({ channelCount: 10, onlineChannelCount: 8 })];

  it('gives PASS at or above the ratio its parameter sets', () => {
    expect(runCheck(videoOnlineRatio, { minRatio: 0.8 }, { videoDevices: devices }).verdict).toBe('PASS');
  });

  it('gives FAIL below it, without devices, and for codes of another city', () => {
    expect(runCheck(videoOnlineRatio, { minRatio: 0.9 }, { videoDevices: devices }).verdict).toBe('FAIL');
    expect(runCheck(videoOnlineRatio, { minRatio: 0.9 }, { videoDevices: [] }).verdict).toBe('FAIL');
    expect(runCheck(videoOnlineRatio, { minRatio: 0.8 }, { videoDevices: devices }, '431000').verdict).toBe(
      'FAIL',
    );
  });
});
