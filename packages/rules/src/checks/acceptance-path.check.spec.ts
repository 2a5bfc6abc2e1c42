import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { acceptancePath } from './acceptance-path.check';

const inOrder = {
  investment: '350',
  preliminaryAcceptanceOn: '2025-01-10',
  trialStartOn: '2025-01-15',
  trialEndOn: '2025-04-15',
  acceptanceAppliedOn: '2025-04-20',
};

describe(acceptancePath.id, () => {
  it('gives PASS below the threshold and for the dates in order above it', () => {
    expect(
      runCheck(acceptancePath, { threshold: 400 }, { project: buildProject({ investment: '350' }) }).verdict,
    ).toBe('PASS');
    expect(runCheck(acceptancePath, { threshold: 100 }, { project: buildProject(inOrder) }).verdict).toBe(
      'PASS',
    );
  });

  it('gives FAIL for a missing date or the wrong order', () => {
    const project = buildProject({ ...inOrder, acceptanceAppliedOn: '2025-04-01' });
    expect(runCheck(acceptancePath, { threshold: 100 }, { project }).verdict).toBe('FAIL');
  });

  it('gives UNKNOWN when the trial ends before it starts', () => {
    const project = buildProject({
      ...inOrder,
      trialStartOn: '2025-04-16',
      preliminaryAcceptanceOn: '2025-01-10',
    });
    expect(runCheck(acceptancePath, { threshold: 100 }, { project }).verdict).toBe('UNKNOWN');
  });
});
