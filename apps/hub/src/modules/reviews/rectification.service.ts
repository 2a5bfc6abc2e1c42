import { Injectable } from '@nestjs/common';
import type { Verdict } from '@hub/rules';
import { AppError } from '../../common/app-error';
import { parseInput } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Prisma, Project, Review } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { beijingDate } from '../exemptions/exemptions.repository';
import {
  checkAttachment,
  ITEM_INCLUDE,
  ITEM_ORDER,
  type ItemDoneInput,
  type ItemRow,
  type Recheck,
  type RectificationItemView,
  toItemView,
  type UploadedAttachment,
  ZItemDoneInput,
} from './rectification';

/** A review as the rectification loop reads it. */
export type ReviewWithItems = Review & { project: Project; items: ItemRow[] };

/** A review's own items and the done ones of the review it follows, each re-checked. */
export interface ReviewItems {
  items: RectificationItemView[];
  /** the done items of the previous review (history), re-checked by this review's check */
  history: RectificationItemView[];
}

const notFound = (itemId: string) =>
  new AppError('NOT_FOUND', { zh: `整改事项 ${itemId} 不存在`, en: `No rectification item ${itemId}` });

/**
 * The rectification loop (整改): items carried from one application to the next, marked done with who,
 * a note and a file, and re-checked by the next check of the project.
 */
@Injectable()
export class RectificationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** What a review's reads include of its items. */
  static readonly include = { items: { include: ITEM_INCLUDE, orderBy: ITEM_ORDER } } as const;

  /**
   * Copies the open items of the previous review into a new application, each pointing at the one it
   * carries on (which is then followed up only here). Runs in the application's transaction.
   */
  async carry(tx: Prisma.TransactionClient, fromReviewId: string, toReviewId: string): Promise<number> {
    const open = await tx.rectificationItem.findMany({
      where: { reviewId: fromReviewId, status: 'open', carriedTo: { is: null } },
      orderBy: ITEM_ORDER,
    });
    await tx.rectificationItem.createMany({
      data: open.map((i, position) => ({
        reviewId: toReviewId,
        position,
        ruleId: i.ruleId,
        description: i.description,
        owner: i.owner,
        deadline: i.deadline,
        status: 'open',
        carriedFromId: i.id,
      })),
    });
    return open.length;
  }

  /**
   * Marks an item done: who did it (`doneBy`, a person's name), what was done (`note`, required) and
   * optionally a file as evidence, in one transaction with its audit entry. An item carried into a
   * later review is followed up there; an item done once stays done.
   */
  async markDone(
    review: ReviewWithItems,
    itemId: string,
    input: ItemDoneInput,
    file: UploadedAttachment | null,
    actor: string,
    doneBy: string | null,
  ): Promise<void> {
    const body = parseInput(ZItemDoneInput, input, { zh: '整改完成情况', en: 'rectification done' });
    const item = review.items.find((i) => i.id === itemId);
    if (!item) throw notFound(itemId);
    if (item.carriedTo) {
      throw new AppError(
        'CONFLICT',
        {
          zh: `整改事项已转入审查 ${item.carriedTo.review.documentNo}，请在该审查中办理`,
          en: `The item was carried into review ${item.carriedTo.review.documentNo}: mark it done there`,
        },
        { reviewId: item.carriedTo.review.id, itemId: item.carriedTo.id },
      );
    }
    if (item.status === 'done') throw alreadyDone(item);
    const attachment = file ? checkAttachment(file) : null;
    const now = this.clock.now();
    const by = doneBy?.trim() || actor;
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.rectificationItem.updateMany({
        where: { id: item.id, status: 'open' },
        data: {
          status: 'done',
          doneAt: now,
          doneBy: by,
          doneRecordedBy: actor,
          doneNote: body.note,
          doneCheckRunId: review.checkRunId,
        },
      });
      if (updated.count !== 1) {
        throw new AppError('CONFLICT', {
          zh: '该整改事项已被他人标记完成',
          en: 'The item was marked done meanwhile',
        });
      }
      if (attachment) {
        await tx.rectificationAttachment.create({
          data: {
            itemId: item.id,
            fileName: attachment.fileName,
            contentType: attachment.contentType,
            size: attachment.size,
            sha256: attachment.sha256,
            content: new Uint8Array(attachment.content),
            uploadedBy: actor,
            uploadedAt: now,
          },
        });
      }
      await this.audit.append(
        {
          actor,
          action: 'rectification.done',
          objectType: 'rectification-item',
          objectId: item.id,
          data: {
            reviewId: review.id,
            ruleId: item.ruleId,
            doneBy: by,
            note: body.note,
            attachment: attachment
              ? { fileName: attachment.fileName, size: attachment.size, sha256: attachment.sha256 }
              : null,
          },
        },
        tx,
      );
    });
  }

  /** The file handed in with an item, for those who may read its review. */
  async attachment(
    review: ReviewWithItems,
    itemId: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    if (!review.items.some((i) => i.id === itemId)) throw notFound(itemId);
    const file = await this.prisma.rectificationAttachment.findUnique({ where: { itemId } });
    if (!file) {
      throw new AppError('NOT_FOUND', {
        zh: `整改事项 ${itemId} 没有附件`,
        en: `Rectification item ${itemId} has no attachment`,
      });
    }
    return { fileName: file.fileName, contentType: file.contentType, content: Buffer.from(file.content) };
  }

  /**
   * The items of each review and the history it shows, re-checked by its current check: a few queries
   * for any number of reviews (the list reads them all at once).
   */
  async viewsOf(reviews: readonly ReviewWithItems[]): Promise<Map<string, ReviewItems>> {
    const previousIds = [
      ...new Set(reviews.flatMap((r) => (r.previousReviewId ? [r.previousReviewId] : []))),
    ];
    const previous = previousIds.length
      ? await this.prisma.review.findMany({
          where: { id: { in: previousIds } },
          select: {
            id: true,
            documentNo: true,
            items: { where: { status: 'done' }, include: ITEM_INCLUDE, orderBy: ITEM_ORDER },
          },
        })
      : [];
    const previousById = new Map(previous.map((p) => [p.id, p]));
    const rechecks = await this.rechecksOf(reviews, previousById);
    const out = new Map<string, ReviewItems>();
    for (const r of reviews) {
      const recheck = rechecks.get(r.id) ?? null;
      const before = r.previousReviewId ? previousById.get(r.previousReviewId) : undefined;
      out.set(r.id, {
        items: r.items.map((i) => toItemView(i, r, r.project.unitName, recheck)),
        history: (before?.items ?? []).map((i) => toItemView(i, before!, r.project.unitName, recheck, true)),
      });
    }
    return out;
  }

  /** Each review's current check, as far as the rules of its done items go. */
  private async rechecksOf(
    reviews: readonly ReviewWithItems[],
    previousById: Map<string, { items: ItemRow[] }>,
  ): Promise<Map<string, Recheck>> {
    const wanted = reviews.flatMap((r) => {
      if (!r.checkRunId) return [];
      const history = r.previousReviewId ? (previousById.get(r.previousReviewId)?.items ?? []) : [];
      const rules = [...r.items, ...history].flatMap((i) =>
        i.status === 'done' && i.ruleId ? [i.ruleId] : [],
      );
      return rules.length ? [{ review: r, checkRunId: r.checkRunId, rules }] : [];
    });
    if (wanted.length === 0) return new Map();
    const findings = await this.prisma.finding.findMany({
      where: {
        OR: wanted.map((w) => ({
          checkRunId: w.checkRunId,
          projectId: w.review.projectId,
          ruleId: { in: w.rules },
        })),
      },
      select: { checkRunId: true, ruleId: true, verdict: true },
    });
    const byRun = new Map<string, Map<string, Verdict>>();
    for (const f of findings) {
      const verdicts = byRun.get(f.checkRunId) ?? new Map<string, Verdict>();
      verdicts.set(f.ruleId, f.verdict);
      byRun.set(f.checkRunId, verdicts);
    }
    return new Map(
      wanted.map((w) => [
        w.review.id,
        { checkRunId: w.checkRunId, verdicts: byRun.get(w.checkRunId) ?? new Map() },
      ]),
    );
  }
}

function alreadyDone(item: ItemRow): AppError {
  const at = item.doneAt ? beijingDate(item.doneAt) : '';
  return new AppError(
    'CONFLICT',
    {
      zh: `整改事项已于 ${at} 由 ${item.doneBy ?? ''} 标记完成`,
      en: `The item was marked done on ${at} by ${item.doneBy ?? ''}`,
    },
    { itemId: item.id },
  );
}
