import {
  buildChenzhouProject,
  buildResource,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czNet = builtinRule('CZ-NET');

describe(czNet.id, () => {
  const sut = (input: FactsInput) =>
    judge(chenzhouPack, czNet.id, { project: buildChenzhouProject(), ...input });

  it('passes with a running resource in the e-gov extranet, resting on the running ones', () => {
    const egov = buildResource({ networkZone: 'egov-extranet' });
    const stopped = buildResource({ status: 'stopped', networkZone: 'internet' });

    const finding = sut({ resources: [egov, stopped] });

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('1 个运行中的资源位于电子政务外网区');
    expect(finding.evidence).toEqual([egov.evidence]);
  });

  it('fails when every running resource is outside the e-gov extranet, listing internet ones', () => {
    const web = buildResource({ networkZone: 'internet' });

    const finding = sut({ resources: [web] });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      `No running resource in the e-gov extranet zone (running: ${web.fact.resourceId} (production/internet zone)); internet-zone resources: ${web.fact.resourceId} (production/internet zone)`,
    );
  });

  it('does not apply without running cloud resources', () => {
    const finding = sut({ resources: [buildResource({ status: 'stopped' })] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason).toEqual({
      zh: '项目没有运行中的政务云资源',
      en: 'The project has no running cloud resource',
    });
    expect(finding.evidence).toEqual([]);
  });

  it('does not apply to a classified project (art. 2)', () => {
    const finding = sut({ project: buildChenzhouProject({ classified: true }), resources: [] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toContain('(art. 2)');
  });

  it('gives UNKNOWN naming the cloud inventory when its sync failed', () => {
    const finding = sut({
      resources: [buildResource()],
      sources: { 'gov-cloud': failedSource('gov-cloud') },
    });

    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.reason.zh).toBe('政务云资源台账最近一次同步失败：HTTP 503');
  });
});
