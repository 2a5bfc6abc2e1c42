import {
  buildCatalogEntry,
  buildChenzhouProject,
  buildExchangeSystem,
  syncedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czDataAgg = builtinRule('CZ-DATA-AGG');

describe(czDataAgg.id, () => {
  const sut = (input: FactsInput) =>
    judge(chenzhouPack, czDataAgg.id, {
      project: buildChenzhouProject({ hasDataResources: true }),
      ...input,
    });
  const entryOf = (system: ReturnType<typeof buildExchangeSystem>, overrides = {}) =>
    buildCatalogEntry({ systemId: system.fact.systemId, ...overrides });

  describe('NOT_APPLICABLE', () => {
    it('does not apply to a project without data resources', () => {
      const finding = sut({
        project: buildChenzhouProject({ hasDataResources: false }),
        exchangeSystems: [],
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.en).toBe('The registry says the project has no data resources');
      expect(finding.evidence).toEqual([]);
    });

    it('does not apply to a classified project (art. 2)', () => {
      const finding = sut({ project: buildChenzhouProject({ classified: true }), exchangeSystems: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
    });
  });

  describe('PASS', () => {
    it('passes when every system is CONNECTED and every entry PUBLISHED and mounted, resting on all', () => {
      const system = buildExchangeSystem();
      const a = entryOf(system);
      const b = entryOf(system, { mountType: 'FILE' });

      const finding = sut({ exchangeSystems: [system], catalog: [a, b] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('1 system(s) all CONNECTED; 2 catalogue entr(ies) all PUBLISHED');
      expect(finding.evidence).toEqual([system.evidence, a.evidence, b.evidence]);
    });

    it('passes a NOT_SHARED entry that states its legal basis', () => {
      const system = buildExchangeSystem();
      const closed = entryOf(system, {
        shareType: 'NOT_SHARED',
        notSharedBasis: '《中华人民共和国个人信息保护法》第十三条',
      });

      const finding = sut({ exchangeSystems: [system], catalog: [closed] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toContain('不予共享目录 1 条均有依据');
    });

    it('leaves retired (OFFLINE) entries out', () => {
      const system = buildExchangeSystem();
      const retired = entryOf(system, { status: 'OFFLINE', mountType: 'NONE' });

      const finding = sut({ exchangeSystems: [system], catalog: [entryOf(system), retired] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.evidence).not.toContainEqual(retired.evidence);
    });
  });

  describe('FAIL', () => {
    it('fails when the platform has no system of the project', () => {
      expect(sut({ exchangeSystems: [], catalog: [] }).reason.en).toBe(
        'The exchange platform has no system of the project',
      );
    });

    it('fails when one of two systems is not CONNECTED, naming it', () => {
      const good = buildExchangeSystem();
      const applying = buildExchangeSystem({ accessStatus: 'APPLYING' });

      const finding = sut({ exchangeSystems: [good, applying], catalog: [entryOf(good)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `System(s) not CONNECTED: ${applying.fact.systemId} (${applying.fact.systemName}, applying (APPLYING))`,
      );
    });

    it('fails naming a DRAFT entry, an unmounted entry and a NOT_SHARED entry without basis', () => {
      const system = buildExchangeSystem();
      const draft = entryOf(system, { status: 'DRAFT' });
      const bare = entryOf(system, { mountType: 'NONE' });
      const closed = entryOf(system, { shareType: 'NOT_SHARED', notSharedBasis: '  ' });

      const finding = sut({ exchangeSystems: [system], catalog: [draft, bare, closed] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain(`目录未发布：${draft.fact.resourceCode}`);
      expect(finding.reason.zh).toContain(`目录未挂接数据：${bare.fact.resourceCode}`);
      expect(finding.reason.zh).toContain(`不予共享目录缺少法律依据：${closed.fact.resourceCode}`);
      expect(finding.evidence).toEqual([system.evidence, draft.evidence, bare.evidence, closed.evidence]);
    });

    it('fails a connected system with no live catalogue entry', () => {
      const finding = sut({ exchangeSystems: [buildExchangeSystem()], catalog: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe('No live catalogue entry');
    });

    it('fails rather than gives UNKNOWN when another entry is plainly unmounted', () => {
      const system = buildExchangeSystem();

      const finding = sut({
        exchangeSystems: [system],
        catalog: [entryOf(system, { mountType: null }), entryOf(system, { mountType: 'NONE' })],
      });

      expect(finding.verdict).toBe('FAIL');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN when an entry does not report its mount', () => {
      const system = buildExchangeSystem();
      const vague = entryOf(system, { mountType: null });

      const finding = sut({ exchangeSystems: [system], catalog: [entryOf(system), vague] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain(
        `${vague.fact.resourceCode}（${vague.fact.resourceName}，已发布（PUBLISHED），挂接方式未知）`,
      );
    });

    it('gives UNKNOWN naming the exchange platform when its sync was partial', () => {
      const finding = sut({
        exchangeSystems: [buildExchangeSystem()],
        sources: {
          'data-exchange': syncedSource('data-exchange', { status: 'partial', error: 'page 3 missing' }),
        },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('政务信息资源共享交换平台最近一次同步不完整：page 3 missing');
    });
  });
});
