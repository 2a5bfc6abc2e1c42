import type { TProject } from '@hub/contracts';
import type { Applicability } from '../../model';
import { applies, doesNotApply } from '../../shared/outcome';

/**
 * 第二条: the measures apply to non-classified projects; classified ones follow the secrecy rules.
 * Reading: this bounds every Chenzhou rule, not only CZ-CLOUD where the table repeats it.
 */
export function withinMeasures(project: TProject, own: () => Applicability = () => applies): Applicability {
  return project.classified
    ? doesNotApply(
        '涉密项目按照保密有关规定执行，不适用本办法（第二条）',
        'Classified project: it follows the secrecy rules, not these measures (art. 2)',
      )
    : own();
}
