-- AlterTable
ALTER TABLE "findings" ADD COLUMN     "registry" JSONB;

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "acceptance_filed" BOOLEAN,
ADD COLUMN     "accepted_on" DATE,
ADD COLUMN     "e_archive_prereview_ref" TEXT,
ADD COLUMN     "import_id" UUID,
ADD COLUMN     "import_row" INTEGER,
ADD COLUMN     "reliability_prereview_ref" TEXT;

-- AlterTable
ALTER TABLE "registry_imports" ADD COLUMN     "imported_by" TEXT,
ADD COLUMN     "sha256" TEXT;

-- AlterTable
ALTER TABLE "source_records" ADD COLUMN     "invalid" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "invalidity" JSONB;

-- AlterTable
ALTER TABLE "source_syncs" ADD COLUMN     "pages_total" INTEGER,
ADD COLUMN     "paging" JSONB,
ADD COLUMN     "parent_sync_id" UUID,
ADD COLUMN     "recovered_projects" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "requests" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "source_syncs_parent_sync_id_idx" ON "source_syncs"("parent_sync_id");

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "registry_imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;
