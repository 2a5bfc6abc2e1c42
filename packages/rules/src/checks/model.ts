import type { SourceId, TProject } from '@hub/contracts';
import type { z } from 'zod';
import type { Text } from '../facts';
import type { Applicability, RuleContext, RuleOutcome, Waiver } from '../model';
import type { BaseSettings } from '../shared/settings';

/** The settings a file-defined pack resolves: the base ones every pack has plus the pack's own. */
export type PackSettings = BaseSettings & Readonly<Record<string, unknown>>;

/** What a check reads: the rule context of one evaluation (records already narrowed by the engine). */
export type CheckContext = RuleContext<PackSettings>;

interface Entry<P> {
  /** the name a pack file uses, e.g. `cloud-deployment` */
  id: string;
  title: Text;
  /** what it tests, in a reviewer's words (the catalogue table in docs/packs.md) */
  description: Text;
  /** its parameters as a pack file gives them (after setting references are resolved) */
  params: z.ZodType<P>;
}

/**
 * A check is code, reusable and parameterised: it judges one project on the facts the engine hands
 * it and states its verdict with the records it rests on. Untrusted sources, suggested records and
 * untrusted records are the engine's business, decided from what the check read.
 */
export interface CheckDefinition<P = unknown> extends Entry<P> {
  kind: 'check';
  /** upstream systems whose facts it reads, in the order the engine checks their state */
  sources: readonly SourceId[] | ((params: P) => readonly SourceId[]);
  evaluate: (ctx: CheckContext, params: P) => RuleOutcome;
}

/** A registry test deciding whether a requirement applies (NOT_APPLICABLE with its reason). */
export interface ConditionDefinition<P = unknown> extends Entry<P> {
  kind: 'condition';
  test: (project: TProject, params: P) => Applicability;
}

/** A registry fact that waives a requirement (WAIVED with its reason). */
export interface WaiverDefinition<P = unknown> extends Entry<P> {
  kind: 'waiver';
  waive: (project: TProject, params: P) => Waiver | null;
}

export type CatalogueEntry = CheckDefinition<never> | ConditionDefinition<never> | WaiverDefinition<never>;

export const defineCheck = <P>(def: Omit<CheckDefinition<P>, 'kind'>): CheckDefinition<P> => ({
  kind: 'check',
  ...def,
});

export const defineCondition = <P>(def: Omit<ConditionDefinition<P>, 'kind'>): ConditionDefinition<P> => ({
  kind: 'condition',
  ...def,
});

export const defineWaiver = <P>(def: Omit<WaiverDefinition<P>, 'kind'>): WaiverDefinition<P> => ({
  kind: 'waiver',
  ...def,
});
