import { createHash } from 'node:crypto';
import { unsafeTextProblem, describeUnsafeText } from '@hub/contracts';
import type { Text, Verdict } from '@hub/rules';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { ZText } from '../../common/zod';
import type { Prisma } from '../../generated/prisma/client';
import { ZRectificationItemView } from './reviews.answers';

/** One rectification item (整改事项) as a decision lists it. */
export const ZRectificationItemInput = z
  .object({
    ruleId: z.string().min(1).max(50).nullish(),
    description: ZText(2000),
    /** 责任单位 / 责任人; the project's construction unit when left out */
    owner: ZText(200).nullish(),
    deadline: z.iso.date(),
  })
  .strict();
export type RectificationItemInput = z.input<typeof ZRectificationItemInput>;

/** Marking an item done (POST /api/reviews/:id/items/:itemId/done, JSON or multipart fields). */
export const ZItemDoneInput = z
  .object({
    /** 整改说明: what was done */
    note: ZText(2000),
  })
  .strict();
export type ItemDoneInput = z.input<typeof ZItemDoneInput>;

/** Uploads larger than this are refused before they reach the database. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_FILE_NAME = 200;

/**
 * The kinds of evidence a unit may hand in, each recognised by its extension and by its first bytes
 * (a renamed executable is not a PDF): PDF, JPEG, PNG, and the Office Open XML documents.
 */
const ATTACHMENT_TYPES = [
  { ext: ['pdf'], contentType: 'application/pdf', magic: [Buffer.from('%PDF-')] },
  { ext: ['jpg', 'jpeg'], contentType: 'image/jpeg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  {
    ext: ['png'],
    contentType: 'image/png',
    magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  },
  {
    ext: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  },
  {
    ext: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  },
] as const;
export const ATTACHMENT_EXTENSIONS = ATTACHMENT_TYPES.flatMap((t) => t.ext);
export const ATTACHMENT_CONTENT_TYPES = ATTACHMENT_TYPES.map((t) => t.contentType);

/** A file as the upload handed it in. */
export interface UploadedAttachment {
  fileName: string;
  content: Buffer;
}

/** An attachment that passed every check, ready to store. */
export interface CheckedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

function refuse(zh: string, en: string): AppError {
  return new AppError('INVALID_FILE', { zh: `整改附件无效：${zh}`, en: `Invalid attachment: ${en}` });
}

/**
 * Checks an uploaded attachment: a bounded file name free of NUL, unpaired surrogates, control
 * characters and path separators; a size within {@link MAX_ATTACHMENT_BYTES}; an allowed type whose
 * content starts as that type does. The content type stored is the hub's, never the client's.
 */
export function checkAttachment(file: UploadedAttachment): CheckedAttachment {
  const name = file.fileName.trim();
  const unsafe = unsafeTextProblem(name);
  if (unsafe) {
    const what = describeUnsafeText(unsafe);
    throw refuse(`文件名${what.zh}`, `the file name ${what.en}`);
  }
  if (name === '') throw refuse('文件名为空', 'the file name is empty');
  if ([...name].length > MAX_FILE_NAME) {
    throw refuse(
      `文件名最多 ${MAX_FILE_NAME} 个字符`,
      `the file name is longer than ${MAX_FILE_NAME} characters`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(name)) {
    throw refuse(
      '文件名含控制字符或路径分隔符',
      'the file name holds a control character or a path separator',
    );
  }
  if (file.content.length === 0) throw refuse('文件为空', 'the file is empty');
  if (file.content.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      zh: `整改附件最大 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      en: `An attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    });
  }
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = ATTACHMENT_TYPES.find((t) => (t.ext as readonly string[]).includes(ext));
  const allowed = ATTACHMENT_EXTENSIONS.join('、');
  if (!type) {
    throw refuse(
      `只接受 ${allowed} 文件（收到「${ext || '无扩展名'}」）`,
      `only ${ATTACHMENT_EXTENSIONS.join(', ')} files are accepted (got "${ext || 'no extension'}")`,
    );
  }
  if (!type.magic.some((m) => file.content.subarray(0, m.length).equals(m))) {
    throw refuse(`文件内容不是 ${ext} 格式`, `the file's content is not ${ext}, whatever its name says`);
  }
  return {
    fileName: name,
    contentType: type.contentType,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
  };
}

/** What every read of a review loads of its items: never the attachment's bytes. */
export const ITEM_INCLUDE = {
  attachment: {
    select: {
      fileName: true,
      contentType: true,
      size: true,
      sha256: true,
      uploadedBy: true,
      uploadedAt: true,
    },
  },
  carriedFrom: { select: { id: true, review: { select: { id: true, documentNo: true } } } },
  carriedTo: { select: { id: true, review: { select: { id: true, documentNo: true } } } },
} as const satisfies Prisma.RectificationItemInclude;
export type ItemRow = Prisma.RectificationItemGetPayload<{ include: typeof ITEM_INCLUDE }>;

/** The warning on an item marked done whose rule the later check still does not pass. */
export const STILL_FAILING: Text = {
  zh: '整改事项已标记完成，但复查仍不通过',
  en: 'The rectification item is marked done, but the re-check still does not pass',
};

export type RectificationItemView = z.infer<typeof ZRectificationItemView>;

/** The findings of the check that re-checks items: the review's current check. */
export interface Recheck {
  checkRunId: string;
  verdicts: ReadonlyMap<string, Verdict>;
}

const STILL_OPEN: readonly Verdict[] = ['FAIL', 'UNKNOWN'];

/**
 * An item as the API shows it. `recheck` is the review's current check: it re-checks an item when it
 * ran after the item was marked done (for an item of the previous review, always).
 */
export function toItemView(
  item: ItemRow,
  review: { id: string; documentNo: string },
  defaultOwner: string,
  recheck: Recheck | null,
  ofPreviousReview = false,
): RectificationItemView {
  const done = item.status === 'done';
  const rechecked =
    done &&
    item.ruleId !== null &&
    recheck !== null &&
    (ofPreviousReview || item.doneCheckRunId !== recheck.checkRunId);
  const verdict = rechecked ? recheck.verdicts.get(item.ruleId!) : undefined;
  const link = (l: ItemRow['carriedFrom']) =>
    l ? { reviewId: l.review.id, documentNo: l.review.documentNo, itemId: l.id } : null;
  return {
    id: item.id,
    reviewId: review.id,
    documentNo: review.documentNo,
    ruleId: item.ruleId,
    description: item.description,
    owner: item.owner ?? defaultOwner,
    deadline: item.deadline.toISOString().slice(0, 10),
    status: done ? 'done' : 'open',
    doneBy: item.doneBy,
    doneAt: item.doneAt?.toISOString() ?? null,
    note: item.doneNote,
    attachment: item.attachment
      ? {
          fileName: item.attachment.fileName,
          contentType: item.attachment.contentType,
          size: item.attachment.size,
          sha256: item.attachment.sha256,
          uploadedAt: item.attachment.uploadedAt.toISOString(),
          url: `/api/reviews/${review.id}/items/${item.id}/attachment`,
        }
      : null,
    carriedFrom: link(item.carriedFrom),
    carriedTo: link(item.carriedTo),
    recheck:
      verdict && STILL_OPEN.includes(verdict)
        ? { checkRunId: recheck!.checkRunId, verdict, warning: STILL_FAILING }
        : null,
  };
}

/** Items in the order they are worked through: earliest deadline first, then as the decision listed them. */
export const ITEM_ORDER = [
  { deadline: 'asc' },
  { position: 'asc' },
  { id: 'asc' },
] as const satisfies Prisma.RectificationItemOrderByWithRelationInput[];
