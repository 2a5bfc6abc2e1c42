import type { TProject } from '@hub/contracts';
import type { CheckDefinition, ConditionDefinition, PackSettings, WaiverDefinition } from '../checks/model';
import type { Applicability, RuleOutcome, Waiver } from '../model';
import { ZBaseSettings } from '../shared/settings';
import { NOW, buildFacts, buildProject, type FactsInput } from './facts.factory';

/**
 * A check's outcome on the facts built from `input` at {@link NOW}, its parameters parsed by its own
 * schema: what a requirement naming it gives once the engine has let it run.
 */
export function runCheck<P>(
  check: CheckDefinition<P>,
  params: unknown,
  input: FactsInput = {},
  divisionCode = '430600',
): RuleOutcome {
  const {
    project,
    sources: _sources,
    sourceTitles: _titles,
    untrusted: _untrusted,
    registry: _registry,
    ...records
  } = buildFacts({ project: buildProject(), ...input });
  return check.evaluate(
    {
      ...records,
      project,
      settings: ZBaseSettings.parse({}) as PackSettings,
      now: NOW,
      divisionCode,
      tenantsById: new Map(records.cloud.tenants.map((t) => [t.fact.tenantId, t])),
    },
    check.params.parse(params),
  );
}

/** A condition's answer for a project built with `overrides`. */
export function testCondition<P>(
  condition: ConditionDefinition<P>,
  params: unknown,
  overrides: Partial<TProject> = {},
): Applicability {
  return condition.test(buildProject(overrides), condition.params.parse(params));
}

/** A waiver's answer for a project built with `overrides`. */
export function testWaiver<P>(
  waiver: WaiverDefinition<P>,
  params: unknown,
  overrides: Partial<TProject> = {},
): Waiver | null {
  return waiver.waive(buildProject(overrides), waiver.params.parse(params));
}
