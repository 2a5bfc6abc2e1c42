import { isCityLevel, type TProject } from '@hub/contracts';
import type * as Yaml from 'yaml';
import { z } from 'zod';
import { catalogueEntry, CHECKS } from '../checks';
import type { CheckDefinition, ConditionDefinition, PackSettings, WaiverDefinition } from '../checks/model';
import type { Applicability, PolicyPack, RuleDefinition } from '../model';
import { applies, unknown } from '../shared/outcome';
import { issueText, PackFileError, pathText, SourceMap, type PackFileIssue, type Path } from './errors';
import { paramResolver, settingRefs } from './params';
import { ZPackFile, type PackFileDecl, type RequirementDecl } from './schema';
import { BASE_SETTING_KEYS, badDefaults, settingsSchemaOf } from './settings';

/** How a compiled requirement was written, for `describeRequirement`. */
export interface RequirementSource {
  file: string;
  decl: RequirementDecl;
  settings: Readonly<Record<string, unknown>>;
}
const sources = new WeakMap<object, RequirementSource>();

/** The requirement a compiled rule came from, if it came from a pack file. */
export const requirementSource = (rule: object): RequirementSource | undefined => sources.get(rule);

/** A compiled pack file: the pack plus what it was read from. */
export interface CompiledPack {
  pack: PolicyPack<PackSettings>;
  file: string;
  listOrder: number | undefined;
  measures: PackFileDecl['measures'];
  settings: PackFileDecl['settings'];
}
const packSources = new WeakMap<object, CompiledPack>();
export const packSource = (pack: object): CompiledPack | undefined => packSources.get(pack);

class Issues {
  readonly list: PackFileIssue[] = [];
  constructor(
    private readonly file: string,
    private readonly map: SourceMap,
  ) {}

  add(path: Path, zh: string, en: string): void {
    this.list.push({ file: this.file, line: this.map.line(path), key: pathText(path), zh, en });
  }

  zod(base: Path, error: z.ZodError): void {
    for (const issue of error.issues) {
      const extra = issue.code === 'unrecognized_keys' ? [issue.keys[0]!] : [];
      const { zh, en } = issueText(issue);
      this.add([...base, ...issue.path, ...extra], zh, en);
    }
  }
}

/**
 * Validates a pack file (YAML) and compiles it into the `PolicyPack` the engine runs. Every problem
 * is collected and thrown at once as a `PackFileError` naming file, line and key.
 */
export function compilePackFile(file: string, text: string): CompiledPack {
  // loaded on first use: importing this package (as `hub --help` does) reads no pack file
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof Yaml;
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    throw new PackFileError(
      doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        key: '',
        zh: `YAML 语法错误：${e.message.split('\n')[0]}`,
        en: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const issues = new Issues(file, new SourceMap(yaml, doc, lineCounter));
  const parsed = ZPackFile.safeParse(doc.toJS());
  if (!parsed.success) {
    issues.zod([], parsed.error);
    throw new PackFileError(issues.list);
  }
  const compiled = compileDecl(file, parsed.data, issues);
  if (issues.list.length > 0) throw new PackFileError(issues.list);
  return compiled;
}

function compileDecl(file: string, decl: PackFileDecl, issues: Issues): CompiledPack {
  checkDivisions(decl, issues);
  for (const key of Object.keys(decl.settings)) {
    if (BASE_SETTING_KEYS.includes(key)) {
      issues.add(
        ['settings', key],
        '是所有政策包共有的设置项，不能再声明',
        'is a setting every pack has: it cannot be declared again',
      );
    }
  }
  for (const [key, s] of Object.entries(decl.settings)) {
    if ('atMost' in s && s.atMost && !decl.settings[s.atMost]) {
      issues.add(['settings', key, 'atMost'], `没有设置项 ${s.atMost}`, `no setting ${s.atMost}`);
    }
  }
  for (const bad of badDefaults(decl.settings)) issues.zod(['settings', bad.key, 'default'], bad.error);
  const settingsSchema = settingsSchemaOf(decl.settings);
  const defaults = settingsSchema.safeParse({});
  if (!defaults.success) {
    issues.zod(['settings'], defaults.error);
    return {
      pack: null as never,
      file,
      listOrder: decl.listOrder,
      measures: decl.measures,
      settings: decl.settings,
    };
  }
  const settings = defaults.data;
  for (const which of ['level3Days', 'level4Days'] as const) {
    const key = decl.monitoring.evaluationIntervals[which];
    if (typeof settings[key] !== 'number') {
      issues.add(
        ['monitoring', 'evaluationIntervals', which],
        `没有数值设置项 ${key}`,
        `no number setting ${key}`,
      );
    }
  }
  const seen = new Set<string>();
  const rules = decl.requirements.map((r, i) => {
    if (seen.has(r.id))
      issues.add(['requirements', i, 'id'], `要求 ${r.id} 重复`, `requirement ${r.id} is listed twice`);
    seen.add(r.id);
    const rule = compileRequirement(decl.id, r, ['requirements', i], settings, issues);
    sources.set(rule, { file, decl: r, settings });
    return rule;
  });
  const [city] = decl.divisions;
  const pack: PolicyPack<PackSettings> = {
    id: decl.id,
    name: decl.name,
    title: decl.title,
    version: decl.version,
    divisionCode: city!.code,
    divisions: decl.divisions,
    opinionIssuer: decl.opinionIssuer,
    settingsSchema,
    rules,
    monitoring: {
      evaluationIntervals: {
        level3Days: decl.monitoring.evaluationIntervals.level3Days as never,
        level4Days: decl.monitoring.evaluationIntervals.level4Days as never,
      },
    },
  };
  const compiled = {
    pack,
    file,
    listOrder: decl.listOrder,
    measures: decl.measures,
    settings: decl.settings,
  };
  packSources.set(pack, compiled);
  return compiled;
}

function checkDivisions(decl: PackFileDecl, issues: Issues): void {
  const [city] = decl.divisions;
  if (city && !isCityLevel(city.code)) {
    issues.add(
      ['divisions', 0, 'code'],
      '第一个区划必须是市本级（以 00 结尾）',
      'the first division must be the city level (ending in 00)',
    );
  }
  const codes = new Set<string>();
  decl.divisions.forEach((d, i) => {
    if (codes.has(d.code))
      issues.add(['divisions', i, 'code'], `区划 ${d.code} 重复`, `division ${d.code} is listed twice`);
    codes.add(d.code);
    if (city && i > 0 && d.code.slice(0, 4) !== city.code.slice(0, 4)) {
      issues.add(
        ['divisions', i, 'code'],
        `区划 ${d.code} 不属于 ${city.code}`,
        `division ${d.code} is not within ${city.code}`,
      );
    }
  });
}

type Entry<K> = K extends 'check'
  ? CheckDefinition
  : K extends 'condition'
    ? ConditionDefinition
    : WaiverDefinition;

/** A catalogue entry's parameters, validated with the settings' defaults; a resolver for evaluations. */
function useOf<K extends 'check' | 'condition' | 'waiver'>(
  kind: K,
  id: string,
  raw: Record<string, unknown>,
  path: Path,
  settings: PackSettings,
  issues: Issues,
  refsAllowed = true,
): { entry: Entry<K>; resolve: (settings: object) => unknown; refs: string[] } | null {
  const entry = catalogueEntry(id);
  const names = { check: ['检查', 'check'], condition: ['条件', 'condition'], waiver: ['豁免', 'waiver'] }[
    kind
  ];
  if (!entry || entry.kind !== kind) {
    const known = CHECK_IDS(kind);
    issues.add(
      [...path, kind === 'condition' ? 'condition' : 'id'],
      `没有名为 ${id} 的${names[0]}；可用：${known.join('、')}`,
      `no ${names[1]} named ${id}; known: ${known.join(', ')}`,
    );
    return null;
  }
  const refs = settingRefs(raw);
  let ok = true;
  for (const ref of refs) {
    if (!refsAllowed) {
      issues.add(
        [...path, 'params', ...ref.path],
        '豁免的参数不能引用设置项',
        "a waiver's parameters cannot refer to settings",
      );
      ok = false;
    } else if (!(ref.key in settings)) {
      issues.add([...path, 'params', ...ref.path], `没有设置项 ${ref.key}`, `no setting ${ref.key}`);
      ok = false;
    }
  }
  if (!ok) return null;
  const params = entry.params as z.ZodType;
  const resolver = paramResolver(params, raw);
  const first = resolver(settings);
  if (first instanceof z.ZodError) {
    issues.zod([...path, 'params'], first);
    return null;
  }
  const resolve = refs.length > 0 ? resolver : () => first;
  return { entry: entry as unknown as Entry<K>, resolve, refs: refs.map((r) => r.key) };
}

const CHECK_IDS = (kind: string): string[] => CHECKS.filter((c) => c.kind === kind).map((c) => c.id);

const settingsProblem = (error: z.ZodError) =>
  unknown(
    `政策包设置不符合该要求的检查参数：${error.issues.map((i) => issueText(i).zh).join('；')}`,
    `The pack settings do not fit this requirement's check parameters: ${error.issues.map((i) => issueText(i).en).join('; ')}`,
  );

function compileRequirement(
  packId: string,
  r: RequirementDecl,
  path: Path,
  settings: PackSettings,
  issues: Issues,
): RuleDefinition<PackSettings> {
  const check = useOf('check', r.check.id, r.check.params, [...path, 'check'], settings, issues);
  const conditions = r.applicability.flatMap((c, i) => {
    const use = useOf('condition', c.condition, c.params, [...path, 'applicability', i], settings, issues);
    return use ? [use] : [];
  });
  const waiver = r.waiver
    ? useOf('waiver', r.waiver.id, r.waiver.params, [...path, 'waiver'], settings, issues, false)
    : null;
  const refs = [...(check?.refs ?? []), ...conditions.flatMap((c) => c.refs)];
  const checkSources = check
    ? typeof check.entry.sources === 'function'
      ? check.entry.sources(check.resolve(settings) as never)
      : check.entry.sources
    : [];
  const rule: RuleDefinition<PackSettings> = {
    id: r.id,
    pack: packId,
    title: r.title,
    clause: r.clause,
    basis: r.basis,
    severity: r.severity,
    domain: r.domain,
    requirement: r.requirement,
    sources: [...checkSources],
    settings: [...new Set(refs)].sort(),
    evaluate: (ctx) => {
      if (!check) throw new Error(`${r.id} has no check`);
      const params = check.resolve(ctx.settings);
      if (params instanceof z.ZodError) return settingsProblem(params);
      return check.entry.evaluate(ctx, params as never);
    },
  };
  if (conditions.length > 0) {
    rule.appliesTo = (project: TProject, s: PackSettings): Applicability => {
      for (const c of conditions) {
        const params = c.resolve(s);
        // a setting that does not fit the condition leaves the rule applying: its check says why not
        if (params instanceof z.ZodError) return applies;
        const result = c.entry.test(project, params as never);
        if (!result.applies) return result;
      }
      return applies;
    };
  }
  if (waiver) {
    const params = waiver.resolve(settings);
    rule.waiver = (project) => waiver.entry.waive(project, params as never);
  }
  return rule;
}
