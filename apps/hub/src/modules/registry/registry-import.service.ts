import { Inject, Injectable } from '@nestjs/common';
import { parseRegistryFile, projectContentHash, type RegistryParseResult } from '@hub/registry';
import type { TProject } from '@hub/contracts';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import { LOGGER } from '../../infra/core.module';
import { ProjectsRepository } from '../projects/projects.repository';
import { AuditService } from '../audit/audit.service';
import { BindingsService } from '../sources/bindings.service';

export interface ImportReport {
  importId: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: RegistryParseResult['encoding'];
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RegistryParseResult['errors'];
  unknownColumns: string[];
}

/**
 * Imports the registry workbook: valid rows are created or updated (a row whose content is the same
 * as stored is unchanged, so a re-import changes nothing), invalid rows are reported with their row,
 * column and reason, and never cost the valid ones.
 */
@Injectable()
export class RegistryImportService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsRepository,
    private readonly bindings: BindingsService,
    private readonly audit: AuditService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async import(fileName: string, data: Buffer, actor = 'system'): Promise<ImportReport> {
    const parsed = await parseRegistryFile({ data, fileName });
    if (parsed.fileErrors.length > 0) {
      throw new AppError(
        'INVALID_FILE',
        {
          zh: `项目台账文件无法导入：${parsed.fileErrors.map((e) => e.message.zh).join('；')}`,
          en: `The registry file cannot be imported: ${parsed.fileErrors.map((e) => e.message.en).join('; ')}`,
        },
        { fileErrors: parsed.fileErrors },
      );
    }
    // fileErrors is empty here, so the format was recognised
    const format = parsed.format ?? 'csv';
    const known = await this.projects.hashesByCode(parsed.rows.map((r) => r.project.code));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const fresh: { project: TProject; hash: string }[] = [];
    for (const { project } of parsed.rows) {
      const hash = projectContentHash(project);
      const previous = known.get(project.code);
      if (previous === hash) {
        unchanged++;
      } else if (previous === undefined) {
        fresh.push({ project, hash });
        created++;
      } else {
        await this.projects.upsert(project, hash);
        updated++;
      }
    }
    // A first import of a city's plan is thousands of new rows: one statement per thousand.
    await this.projects.createMany(fresh);
    const counts = {
      totalRows: parsed.totalRows,
      created,
      updated,
      unchanged,
      rejected: new Set(parsed.errors.map((e) => e.rowNumber)).size,
    };
    const record = await this.prisma.$transaction(async (tx) => {
      const created = await tx.registryImport.create({
        data: {
          fileName,
          format,
          encoding: parsed.encoding,
          ...counts,
          errors: parsed.errors as object[],
          unknownColumns: parsed.unknownColumns,
        },
      });
      await this.audit.append(
        {
          actor,
          action: 'registry.import',
          objectType: 'registry-import',
          objectId: created.id,
          data: { fileName, ...counts },
        },
        tx,
      );
      return created;
    });
    if (created + updated > 0) await this.bindings.rebind();
    this.logger.info({ fileName, ...counts }, 'registry imported');
    return {
      importId: record.id,
      fileName,
      format,
      encoding: parsed.encoding,
      ...counts,
      errors: parsed.errors,
      unknownColumns: parsed.unknownColumns,
    };
  }
}
