-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "opinion_no" TEXT,
ADD COLUMN     "reviewer_name" TEXT;

-- CreateTable
CREATE TABLE "opinion_sequences" (
    "pack_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_no" INTEGER NOT NULL,

    CONSTRAINT "opinion_sequences_pkey" PRIMARY KEY ("pack_id","year")
);

-- CreateIndex
CREATE UNIQUE INDEX "reviews_opinion_no_key" ON "reviews"("opinion_no");

-- An opinion issued before per-city numbering keeps the number it was issued under: the review's own.
UPDATE "reviews" SET "opinion_no" = "document_no" WHERE "status" = 'decided';

-- The reviewer of a decision already recorded: the deciding user's display name, or the person a CLI
-- decision was recorded for (`cli:<os user> (for 李科长)`). A bare operator login stays unnamed.
UPDATE "reviews" AS r SET "reviewer_name" = u."display_name"
  FROM "users" AS u
  WHERE r."status" = 'decided' AND u."username" = r."decided_by";
UPDATE "reviews" SET "reviewer_name" = substring("decided_by" FROM '^cli:\S+ \(for (.+)\)$')
  WHERE "status" = 'decided' AND "reviewer_name" IS NULL;
