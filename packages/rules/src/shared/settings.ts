import { z } from 'zod';

/** Settings every pack shares. Each default is the one obligations.md gives, or says why not. */
export const ZBaseSettings = z.object({
  /**
   * Facts older than this give UNKNOWN. obligations.md sets no figure; 48 h tolerates one missed
   * nightly sync without letting a week-old inventory pass a project.
   */
  maxSourceAgeHours: z.number().positive().default(48),
});
