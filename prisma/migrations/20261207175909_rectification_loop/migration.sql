-- AlterTable
ALTER TABLE "rectification_items" ADD COLUMN     "carried_from_id" UUID,
ADD COLUMN     "done_check_run_id" UUID,
ADD COLUMN     "done_note" TEXT,
ADD COLUMN     "done_recorded_by" TEXT,
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "previous_review_id" UUID;

-- CreateTable
CREATE TABLE "rectification_attachments" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rectification_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "rectification_attachments_item_id_key" ON "rectification_attachments"("item_id");

-- CreateIndex
CREATE UNIQUE INDEX "rectification_items_carried_from_id_key" ON "rectification_items"("carried_from_id");

-- AddForeignKey
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_carried_from_id_fkey" FOREIGN KEY ("carried_from_id") REFERENCES "rectification_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification_attachments" ADD CONSTRAINT "rectification_attachments_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "rectification_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
