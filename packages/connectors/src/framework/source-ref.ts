import type { SourceId } from '@hub/contracts';
import type { Text } from '@hub/rules';

/**
 * An upstream system as the hub names it: the id it is stored and configured under and the name
 * operators know it by. Each connector declares its own once; its errors name the system by it.
 */
export interface SourceRef {
  /** e.g. `gov-cloud` */
  id: SourceId;
  /** e.g. 政务云资源台账 / government cloud resource inventory */
  title: Text;
}
