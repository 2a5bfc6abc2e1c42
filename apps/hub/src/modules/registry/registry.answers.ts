import { z } from 'zod';
import { apiSchema, ZBilingual } from '../../openapi/api-schemas';

/** Why one row of the workbook was rejected. */
export const ZRegistryRowError = apiSchema(
  'RegistryRowError',
  z.object({
    /** the spreadsheet row: the header is row 1, the first data row is row 2 */
    rowNumber: z.number().int(),
    /** the column's header as the workbook spells it */
    column: z.string().optional(),
    field: z.string().optional(),
    code: z.string(),
    message: ZBilingual,
  }),
);

/** What an import of the registry workbook did: created / updated / unchanged / rejected rows. */
export const ZImportReport = apiSchema(
  'RegistryImport',
  z.object({
    importId: z.string(),
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv']),
    /** the detected text encoding of a CSV; null for xlsx */
    encoding: z.string().nullable(),
    totalRows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    errors: z.array(ZRegistryRowError),
    unknownColumns: z.array(z.string()),
  }),
);
