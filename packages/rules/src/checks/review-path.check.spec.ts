import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { reviewPath } from './review-path.check';

const params = { procurementLimit: 80, approvalThreshold: 1000 };

describe(reviewPath.id, () => {
  it('gives PASS below the procurement limit, and with the reviews on record above it', () => {
    expect(runCheck(reviewPath, params, { project: buildProject({ investment: '50' }) }).verdict).toBe(
      'PASS',
    );
    const reviewed = buildProject({
      investment: '500',
      technicalReviewRef: '技审1',
      financialReviewRef: '财审1',
    });
    expect(runCheck(reviewPath, params, { project: reviewed }).verdict).toBe('PASS');
  });

  it('gives FAIL for a missing review, and for a missing approval from the threshold up', () => {
    const unreviewed = buildProject({
      investment: '500',
      technicalReviewRef: null,
      financialReviewRef: '财审1',
    });
    expect(runCheck(reviewPath, params, { project: unreviewed }).reason.zh).toMatch(/缺少：技术初审$/);
    const big = buildProject({
      investment: '1000',
      approvedOn: null,
      technicalReviewRef: 'a',
      financialReviewRef: 'b',
    });
    expect(runCheck(reviewPath, params, { project: big }).reason.zh).toMatch(/缺少：立项$/);
  });
});
