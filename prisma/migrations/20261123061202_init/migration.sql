-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('PASS', 'FAIL', 'WAIVED', 'NOT_APPLICABLE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('blocking', 'advisory');

-- CreateEnum
CREATE TYPE "SyncMode" AS ENUM ('full', 'incremental', 'targeted');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('running', 'succeeded', 'partial', 'failed');

-- CreateEnum
CREATE TYPE "BindingMethod" AS ENUM ('code', 'suggested', 'confirmed', 'rejected');

-- CreateEnum
CREATE TYPE "CheckRunKind" AS ENUM ('targeted', 'scan');

-- CreateEnum
CREATE TYPE "CheckRunStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_name" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "policy_pack" TEXT NOT NULL,
    "investment" DECIMAL(14,2) NOT NULL,
    "category" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "system_names" TEXT[],
    "plan_year" INTEGER,
    "supplementary_plan" BOOLEAN,
    "case_by_case_decision" TEXT,
    "classified" BOOLEAN NOT NULL,
    "internal_use_only" BOOLEAN NOT NULL,
    "gov_service_system" BOOLEAN NOT NULL,
    "has_mobile_channel" BOOLEAN NOT NULL,
    "standalone_mobile_app" BOOLEAN,
    "has_video_infrastructure" BOOLEAN NOT NULL,
    "builds_cloud_or_data_centre" BOOLEAN,
    "builds_service_platform" BOOLEAN,
    "has_data_resources" BOOLEAN NOT NULL,
    "is_application_platform" BOOLEAN,
    "cloud_exemption_ref" TEXT,
    "approved_on" DATE,
    "contract_signed_on" DATE,
    "preliminary_acceptance_on" DATE,
    "trial_start_on" DATE,
    "trial_end_on" DATE,
    "acceptance_applied_on" DATE,
    "expert_review_ref" TEXT,
    "technical_review_ref" TEXT,
    "financial_review_ref" TEXT,
    "supervision_contract_ref" TEXT,
    "procurement_filed" BOOLEAN,
    "om_period_months" INTEGER,
    "security_plan" BOOLEAN,
    "om_plan" BOOLEAN,
    "security_prereview_ref" TEXT,
    "crypto_prereview_ref" TEXT,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registry_imports" (
    "id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "encoding" TEXT,
    "total_rows" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "unknown_columns" TEXT[],
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registry_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_syncs" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "mode" "SyncMode" NOT NULL,
    "scope" TEXT,
    "status" "SyncStatus" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "pages_fetched" INTEGER NOT NULL DEFAULT 0,
    "pages_failed" INTEGER NOT NULL DEFAULT 0,
    "records_seen" INTEGER NOT NULL DEFAULT 0,
    "records_invalid" INTEGER NOT NULL DEFAULT 0,
    "records_changed" INTEGER NOT NULL DEFAULT 0,
    "tombstones" INTEGER NOT NULL DEFAULT 0,
    "cursor_before" TEXT,
    "cursor_after" TEXT,
    "error_code" TEXT,
    "error" TEXT,

    CONSTRAINT "source_syncs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_records" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "project_code" TEXT,
    "unit_code" TEXT,
    "system_name" TEXT,
    "payload" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "upstream_updated_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "tombstone" BOOLEAN NOT NULL DEFAULT false,
    "last_sync_id" UUID,

    CONSTRAINT "source_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "record_problems" (
    "id" UUID NOT NULL,
    "sync_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "external_id" TEXT,
    "reason_zh" TEXT NOT NULL,
    "reason_en" TEXT NOT NULL,
    "issues" JSONB NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "record_problems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bindings" (
    "id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "method" "BindingMethod" NOT NULL,
    "score" DOUBLE PRECISION,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bindings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_runs" (
    "id" UUID NOT NULL,
    "kind" "CheckRunKind" NOT NULL,
    "project_code" TEXT,
    "status" "CheckRunStatus" NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "sync_ids" TEXT[],
    "error" TEXT,
    "summary" JSONB,

    CONSTRAINT "check_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" UUID NOT NULL,
    "check_run_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "pack_id" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "severity" "Severity" NOT NULL,
    "domain" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "clause" TEXT NOT NULL,
    "title_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "message_zh" TEXT NOT NULL,
    "message_en" TEXT NOT NULL,
    "warning_only" BOOLEAN NOT NULL DEFAULT false,
    "evidence" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "projects_code_key" ON "projects"("code");

-- CreateIndex
CREATE INDEX "projects_unit_code_idx" ON "projects"("unit_code");

-- CreateIndex
CREATE INDEX "projects_policy_pack_idx" ON "projects"("policy_pack");

-- CreateIndex
CREATE INDEX "source_syncs_source_started_at_idx" ON "source_syncs"("source", "started_at");

-- CreateIndex
CREATE INDEX "source_records_project_code_idx" ON "source_records"("project_code");

-- CreateIndex
CREATE INDEX "source_records_unit_code_idx" ON "source_records"("unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "source_records_source_kind_external_id_key" ON "source_records"("source", "kind", "external_id");

-- CreateIndex
CREATE INDEX "record_problems_source_created_at_idx" ON "record_problems"("source", "created_at");

-- CreateIndex
CREATE INDEX "bindings_project_id_idx" ON "bindings"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "bindings_record_id_project_id_key" ON "bindings"("record_id", "project_id");

-- CreateIndex
CREATE INDEX "check_runs_project_code_started_at_idx" ON "check_runs"("project_code", "started_at");

-- CreateIndex
CREATE INDEX "check_runs_kind_started_at_idx" ON "check_runs"("kind", "started_at");

-- CreateIndex
CREATE INDEX "findings_project_id_created_at_idx" ON "findings"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "findings_rule_id_verdict_idx" ON "findings"("rule_id", "verdict");

-- CreateIndex
CREATE UNIQUE INDEX "findings_check_run_id_project_id_rule_id_key" ON "findings"("check_run_id", "project_id", "rule_id");

-- AddForeignKey
ALTER TABLE "record_problems" ADD CONSTRAINT "record_problems_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "source_syncs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "source_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_check_run_id_fkey" FOREIGN KEY ("check_run_id") REFERENCES "check_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
