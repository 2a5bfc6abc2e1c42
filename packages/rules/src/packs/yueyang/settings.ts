import type { z } from 'zod';
import { ZBaseSettings } from '../../shared/settings';

export const ZYueyangSettings = ZBaseSettings.extend({});
export type YueyangSettings = z.infer<typeof ZYueyangSettings>;
