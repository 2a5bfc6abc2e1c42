import type * as Cel from '@bufbuild/cel';
import { z } from 'zod';
import type { EvidenceRef } from '../facts';
import { fail, pass, unknown } from '../shared/outcome';
import { defineCheck, type CheckContext } from './model';
import { ZText } from './params';

/**
 * An expression in CEL (cel.dev) over the canonical facts, for a requirement no check fits. CEL is
 * sandboxed by design (no I/O, no loops beyond its macros, always terminates), standard, and
 * `@bufbuild/cel` evaluates it in plain JavaScript: the facts are bound as plain values, no protobuf
 * messages are involved. Bound variables:
 * - `project`: the registry's fields (`project.investment` as a number of 万元);
 * - every record group the connectors fill, as lists of facts: `cloud.resources`, `mlps.filings`, …;
 * - `settings`: the pack's settings; `now`: the hub's clock (ISO instant);
 * - `daysBetween(from, to)`: days from one ISO instant to another.
 * Only the registry fields and record lists the expression names are read, so an untrusted record
 * of a list it does not name cannot touch its verdict.
 */
type Program = ReturnType<typeof Cel.plan>;
const programs = new Map<string, Program>();

/**
 * CEL, loaded on first use: it brings protobuf's runtime along, which a hub whose packs hold no
 * expression (and `hub --help`) need not load.
 */
let cel: { lib: typeof Cel; env: ReturnType<typeof Cel.celEnv> } | undefined;
function celRuntime() {
  if (cel) return cel;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require('@bufbuild/cel') as typeof Cel;
  const daysBetween = lib.celFunc(
    'daysBetween',
    [lib.CelScalar.STRING, lib.CelScalar.STRING],
    lib.CelScalar.DOUBLE,
    (from, to) => {
      const a = Date.parse(from);
      const b = Date.parse(to);
      return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : (b - a) / 86_400_000;
    },
  );
  cel = { lib, env: lib.celEnv({ funcs: [daysBetween] }) };
  return cel;
}

/** The planned program of an expression, or the syntax error as a message. */
export function compileExpression(expression: string): Program | string {
  const known = programs.get(expression);
  if (known) return known;
  const { lib, env } = celRuntime();
  try {
    const program = lib.plan(env, lib.parse(expression));
    programs.set(expression, program);
    return program;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const ZExpression = z
  .string({ error: '必须是 CEL 表达式 / must be a CEL expression' })
  .superRefine((text, ctx) => {
    const program = compileExpression(text);
    if (typeof program === 'string') {
      ctx.addIssue({
        code: 'custom',
        message: `CEL 表达式有误：${program} / invalid CEL expression: ${program}`,
      });
    }
  });

/** `group.key` names in the expression (a project field is `project.x`). */
const namesIn = (expression: string): [string, string][] =>
  [...expression.matchAll(/\b([a-z][A-Za-z]*)\.([a-z][A-Za-z]*)\b/g)].map((m) => [m[1]!, m[2]!]);

function bindings(ctx: CheckContext, expression: string) {
  const names = namesIn(expression);
  const project: Record<string, unknown> = {};
  const groups: Record<string, Record<string, unknown[]>> = {};
  const evidence: EvidenceRef[] = [];
  const records = ctx as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const [group, key] of names) {
    if (group === 'project') {
      const value = ctx.project[key as keyof typeof ctx.project];
      project[key] = key === 'investment' ? Number(value) : value;
      continue;
    }
    if (group === 'settings' || group === 'project' || !(group in records)) continue;
    const list = records[group]?.[key];
    if (!Array.isArray(list)) continue;
    const items = list as { fact: unknown; evidence: EvidenceRef }[];
    (groups[group] ??= {})[key] = items.map((i) => i.fact);
    evidence.push(...items.map((i) => i.evidence));
  }
  return { values: { ...groups, project, settings: ctx.settings, now: ctx.now }, evidence };
}

export const expression = defineCheck({
  id: 'expression',
  title: { zh: 'CEL 表达式', en: 'CEL expression' },
  description: {
    zh: 'expression 为真为 PASS（理由 pass），为假为 FAIL（理由 fail）；求值出错或结果不是布尔值为 UNKNOWN 并给出错误',
    en: 'PASS (`pass`) when `expression` is true, FAIL (`fail`) when false; UNKNOWN with the error when it fails or is not a boolean',
  },
  params: z.strictObject({
    expression: ZExpression,
    /** upstream systems whose facts it names (their state is checked first) */
    sources: z.array(z.string().min(1)).default([]),
    pass: ZText,
    fail: ZText,
  }),
  sources: (params) => params.sources,
  evaluate: (ctx, params) => {
    const program = compileExpression(params.expression);
    const { values, evidence } = bindings(ctx, params.expression);
    if (typeof program === 'string')
      return unknown(`表达式有误：${program}`, `Invalid expression: ${program}`);
    const result = program(values as Parameters<Program>[0]);
    if (celRuntime().lib.isCelError(result)) {
      return unknown(
        `表达式求值失败：${result.message}`,
        `The expression could not be evaluated: ${result.message}`,
        evidence,
      );
    }
    if (typeof result !== 'boolean') {
      return unknown(
        `表达式的结果不是真或假：${String(result)}`,
        `The expression gave no true or false: ${String(result)}`,
        evidence,
      );
    }
    return result
      ? pass(params.pass.zh, params.pass.en, evidence)
      : fail(params.fail.zh, params.fail.en, evidence);
  },
});
