-- AlterTable
ALTER TABLE "check_runs" ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN     "steps" JSONB;

-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "remarks" JSONB,
ADD COLUMN     "remarks_at" TIMESTAMPTZ(3),
ADD COLUMN     "remarks_by" TEXT;
