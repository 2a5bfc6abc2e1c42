-- AlterTable
ALTER TABLE "findings" ADD COLUMN     "pack_version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "pack_version_pinned" INTEGER;

-- CreateTable
CREATE TABLE "pack_versions" (
    "id" UUID NOT NULL,
    "pack_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "settings" JSONB NOT NULL,
    "confirmed_rule_ids" TEXT[],
    "note" TEXT NOT NULL,
    "published_by" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pack_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exemptions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "rule_ids" TEXT[],
    "reason_category" TEXT NOT NULL,
    "reason_text" TEXT NOT NULL,
    "document_no" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_until" DATE NOT NULL,
    "attachment_ref" TEXT,
    "status" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_comment" TEXT,
    "revoked_by" TEXT,
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,

    CONSTRAINT "exemptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "id" UUID NOT NULL,
    "document_no" TEXT NOT NULL,
    "project_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "applied_by" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "check_run_id" UUID,
    "previous_check_run_id" UUID,
    "decision" TEXT,
    "comments" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "override_reason" TEXT,
    "override_rule_ids" TEXT[],

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification_items" (
    "id" UUID NOT NULL,
    "review_id" UUID NOT NULL,
    "rule_id" TEXT,
    "description" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "done_at" TIMESTAMPTZ(3),
    "done_by" TEXT,

    CONSTRAINT "rectification_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disputes" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "check_run_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raised_by" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_comment" TEXT,
    "correction_sources" TEXT[],
    "correction_text" TEXT,

    CONSTRAINT "disputes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pack_versions_pack_id_version_key" ON "pack_versions"("pack_id", "version");

-- CreateIndex
CREATE INDEX "exemptions_project_id_status_idx" ON "exemptions"("project_id", "status");

-- CreateIndex
CREATE INDEX "exemptions_status_valid_until_idx" ON "exemptions"("status", "valid_until");

-- CreateIndex
CREATE UNIQUE INDEX "reviews_document_no_key" ON "reviews"("document_no");

-- CreateIndex
CREATE INDEX "reviews_project_id_applied_at_idx" ON "reviews"("project_id", "applied_at");

-- CreateIndex
CREATE INDEX "rectification_items_review_id_idx" ON "rectification_items"("review_id");

-- CreateIndex
CREATE INDEX "disputes_project_id_status_idx" ON "disputes"("project_id", "status");

-- AddForeignKey
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Closed lists the application relies on.
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_status_check"
  CHECK ("status" IN ('requested', 'approved', 'rejected', 'revoked'));
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_category_check"
  CHECK ("reason_category" IN ('classified', 'internal-equipment', 'higher-rule', 'other'));
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_validity_check" CHECK ("valid_from" <= "valid_until");
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_status_check" CHECK ("status" IN ('applied', 'checked', 'decided'));
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_decision_check"
  CHECK ("decision" IS NULL OR "decision" IN ('approve', 'reject', 'rectify'));
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_status_check" CHECK ("status" IN ('open', 'done'));
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_status_check" CHECK ("status" IN ('open', 'upheld', 'dismissed'));
