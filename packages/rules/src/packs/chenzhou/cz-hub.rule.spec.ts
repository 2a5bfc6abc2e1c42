import { instantText } from '@hub/vocabulary';
import type { TProject } from '@hub/contracts';
import {
  buildChenzhouProject,
  buildHubApplication,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule, type ChenzhouSettings } from '../../testing/packs';
const czHub = builtinRule('CZ-HUB');

const MINUTE = 1 / 1440;

describe(czHub.id, () => {
  const sut = (input: FactsInput, settings: Partial<ChenzhouSettings> = {}) =>
    judge(
      chenzhouPack,
      czHub.id,
      { project: buildChenzhouProject({ isApplicationPlatform: true }), ...input },
      settings,
    );
  const beatDaysAgo = (days: number) => buildHubApplication({ lastHeartbeatAt: daysBeforeNow(days) });

  describe('NOT_APPLICABLE', () => {
    it.each([
      [false, '登记表载明项目不是应用平台'],
      [null, '登记表未载明项目为应用平台（是否应用平台：空）'],
    ] as const)('does not apply when 是否应用平台 is %s', (isApplicationPlatform, reason) => {
      const project: Partial<TProject> = { isApplicationPlatform };

      const finding = sut({ project: buildChenzhouProject(project), brain: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe(reason);
    });
  });

  describe('PASS', () => {
    it('passes a CONNECTED application with a heartbeat 2 hours ago, resting on it', () => {
      const app = buildHubApplication();

      const finding = sut({ brain: [app] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        `Application ${app.fact.appId} (${app.fact.appName}) is CONNECTED to the city brain hub, last heartbeat ${instantText(app.fact.lastHeartbeatAt!).en} (0 days ago, within 7)`,
      );
      expect(finding.evidence).toEqual([app.evidence]);
    });

    it('passes a heartbeat exactly 7 days ago', () => {
      expect(sut({ brain: [beatDaysAgo(7)] }).verdict).toBe('PASS');
    });

    it('passes a 10-day-old heartbeat when the limit is set to 14 days', () => {
      expect(sut({ brain: [beatDaysAgo(10)] }).verdict).toBe('FAIL');
      expect(sut({ brain: [beatDaysAgo(10)] }, { hubHeartbeatMaxAgeDays: 14 }).verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails a heartbeat a minute past 7 days', () => {
      const finding = sut({ brain: [beatDaysAgo(7 + MINUTE)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('已超过 7 天');
    });

    it('fails when the hub has no application of the project', () => {
      const finding = sut({ brain: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe('城市大脑中枢没有该项目的应用接入记录');
    });

    it('fails a PENDING application and one without any heartbeat, naming each', () => {
      const pending = buildHubApplication({ status: 'PENDING' });
      const silent = buildHubApplication({ lastHeartbeatAt: null });

      const finding = sut({ brain: [pending, silent] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `Application ${pending.fact.appId} (${pending.fact.appName}) is pending (PENDING); application ${silent.fact.appId} (${silent.fact.appName}) has no heartbeat on record`,
      );
      expect(finding.evidence).toEqual([pending.evidence, silent.evidence]);
    });

    it('does not take a recent heartbeat of a DISCONNECTED application', () => {
      expect(sut({ brain: [buildHubApplication({ status: 'DISCONNECTED' })] }).verdict).toBe('FAIL');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming the application whose heartbeat time cannot be read, resting on it', () => {
      const garbled = buildHubApplication({ lastHeartbeatAt: '--' });

      const finding = sut({ brain: [garbled] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toBe(
        `Application(s) ${garbled.fact.appId} (${garbled.fact.appName}) have an unreadable heartbeat time: cannot tell whether live`,
      );
      expect(finding.evidence).toEqual([garbled.evidence]);
    });

    it('fails rather than gives UNKNOWN when the unreadable heartbeat is of a DISCONNECTED application', () => {
      const finding = sut({
        brain: [buildHubApplication({ status: 'DISCONNECTED', lastHeartbeatAt: '--' })],
      });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('is disconnected (DISCONNECTED)');
    });

    it('gives UNKNOWN naming the service platforms when their sync failed', () => {
      const finding = sut({
        brain: [buildHubApplication()],
        sources: { 'service-platforms': failedSource('service-platforms') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务服务平台（一网通办/岳办岳好/城市大脑）');
    });
  });
});
