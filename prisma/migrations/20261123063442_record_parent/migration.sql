-- AlterTable
ALTER TABLE "source_records" ADD COLUMN     "parent_external_id" TEXT;

-- CreateIndex
CREATE INDEX "source_records_source_kind_parent_external_id_idx" ON "source_records"("source", "kind", "parent_external_id");
