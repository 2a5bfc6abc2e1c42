import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { describeUnsafeText, unsafeTextProblem, type TProject } from '@hub/contracts';
import { packIds } from '@hub/rules';
import { parseRegistryFile, projectContentHash, type RegistryParseResult } from '@hub/registry';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { unsafeTextError } from '../../common/text-input';
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

/** What most file systems allow for one name. */
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * How long the import's transaction may run. A file at the row limit (20,000 rows, every one new)
 * is written in a few seconds on the development machine; the margin covers a loaded server. The
 * transaction holds the import lock, and the audit chain's lock only at its very end.
 */
export const IMPORT_TRANSACTION_TIMEOUT_MS = 120_000;
/** How long an import waits for a database connection (or behind another import's lock). */
const IMPORT_TRANSACTION_MAX_WAIT_MS = 30_000;
/** Namespace of the advisory lock that lets one import at a time compare and write. */
const IMPORT_LOCK = 7_246_300;

/**
 * Imports the registry workbook as one unit. The file is read and every row validated first, with
 * no database work; then the valid rows, the import record (with every row error) and its audit
 * entry are written in one transaction, so that the database holds all of it or none of it. A row
 * whose content is the same as stored is unchanged, so a re-import changes nothing; invalid rows
 * are reported with their row, column and reason, and never cost the valid ones.
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
    checkFileName(fileName);
    const parsed = await parseRegistryFile({ data, fileName, packIds: packIds() });
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
    const rejected = new Set(parsed.errors.map((e) => e.rowNumber)).size;
    const started = Date.now();
    let outcome: { id: string; created: number; updated: number; unchanged: number };
    try {
      outcome = await this.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
          // Compared under the lock: a concurrent import of the same rows counts them once.
          const known = await this.projects.hashesByCode(
            parsed.rows.map((r) => r.project.code),
            tx,
          );
          const changed: { project: TProject; hash: string; rowNumber: number }[] = [];
          let created = 0;
          for (const { project, rowNumber } of parsed.rows) {
            const hash = projectContentHash(project);
            const previous = known.get(project.code);
            if (previous === hash) continue;
            if (previous === undefined) created++;
            changed.push({ project, hash, rowNumber });
          }
          const counts = {
            totalRows: parsed.totalRows,
            created,
            updated: changed.length - created,
            unchanged: parsed.rows.length - changed.length,
            rejected,
          };
          const record = await tx.registryImport.create({
            data: {
              fileName,
              format,
              encoding: parsed.encoding,
              ...counts,
              errors: parsed.errors as object[],
              unknownColumns: parsed.unknownColumns,
              sha256: createHash('sha256').update(data).digest('hex'),
              importedBy: actor,
            },
            select: { id: true },
          });
          await this.projects.saveAll(changed, tx, record.id);
          await this.audit.append(
            {
              actor,
              action: 'registry.import',
              objectType: 'registry-import',
              objectId: record.id,
              data: { fileName, ...counts },
            },
            tx,
          );
          return { id: record.id, ...counts };
        },
        { timeout: IMPORT_TRANSACTION_TIMEOUT_MS, maxWait: IMPORT_TRANSACTION_MAX_WAIT_MS },
      );
    } catch (error) {
      throw this.failed(error, fileName, parsed, rejected, Date.now() - started);
    }
    const counts = {
      totalRows: parsed.totalRows,
      created: outcome.created,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      rejected,
    };
    this.logger.info({ fileName, ...counts, ms: Date.now() - started }, 'registry imported');
    if (counts.created + counts.updated > 0) await this.rebindAfterImport(outcome.id);
    return {
      importId: outcome.id,
      fileName,
      format,
      encoding: parsed.encoding,
      ...counts,
      errors: parsed.errors,
      unknownColumns: parsed.unknownColumns,
    };
  }

  /**
   * The import is stored; bindings follow from it and are recomputed by every sync too, so a
   * failure here is logged rather than reported as a failed import.
   */
  private async rebindAfterImport(importId: string): Promise<void> {
    try {
      await this.bindings.rebind();
    } catch (err) {
      this.logger.error(
        { err, importId },
        'rebinding after the registry import failed; the next sync retries',
      );
    }
  }

  /** The answer to an import the database did not take: it was rolled back whole. */
  private failed(
    error: unknown,
    fileName: string,
    parsed: RegistryParseResult,
    rejected: number,
    ms: number,
  ): AppError {
    if (error instanceof AppError) return error;
    this.logger.error({ err: error, fileName, rows: parsed.rows.length, ms }, 'registry import rolled back');
    const timedOut = (error as { code?: unknown }).code === 'P2028';
    const why = timedOut
      ? {
          zh: `数据库处理超过 ${IMPORT_TRANSACTION_TIMEOUT_MS / 1000} 秒`,
          en: `the database took longer than ${IMPORT_TRANSACTION_TIMEOUT_MS / 1000} s`,
        }
      : { zh: '数据库写入失败', en: 'the database refused the write' };
    const rows =
      rejected > 0
        ? {
            zh: `；另有 ${rejected} 行未通过校验，逐行原因见 details.errors`,
            en: `; the ${rejected} rows that failed validation are listed in details.errors`,
          }
        : { zh: '', en: '' };
    return new AppError(
      'IMPORT_FAILED',
      {
        zh: `项目台账「${fileName}」未导入：${why.zh}，已全部回滚，数据库未作任何更改；请稍后重试，仍失败请联系管理员查看日志${rows.zh}`,
        en: `The registry file "${fileName}" was not imported: ${why.en}; everything was rolled back and the database is unchanged. Retry later, and ask an administrator to read the log if it fails again${rows.en}`,
      },
      { errors: parsed.errors, unknownColumns: parsed.unknownColumns, totalRows: parsed.totalRows, rejected },
    );
  }
}

/** Refuses a file name that could not be stored or shown: empty, over-long, or with refused text. */
export function checkFileName(fileName: string): void {
  const problem = unsafeTextProblem(fileName);
  if (problem) {
    const text = describeUnsafeText(problem);
    throw unsafeTextError([
      { path: 'file', message: { zh: `文件名${text.zh}`, en: `the file name ${text.en}` } },
    ]);
  }
  const invalid = (zh: string, en: string) =>
    new AppError('INVALID_REQUEST', { zh, en }, { issues: [{ path: 'file', message: en, zh }] });
  if (fileName.trim() === '') {
    throw invalid(
      '上传的文件没有文件名，请带上 .xlsx 或 .csv 文件名重新上传',
      'The upload has no file name; send it with its .xlsx or .csv name',
    );
  }
  if (fileName.length > MAX_FILE_NAME_LENGTH) {
    throw invalid(
      `文件名最多 ${MAX_FILE_NAME_LENGTH} 个字符，实为 ${fileName.length} 个，请改短后重新上传`,
      `The file name may be at most ${MAX_FILE_NAME_LENGTH} characters long, not ${fileName.length}; shorten it and retry`,
    );
  }
}
