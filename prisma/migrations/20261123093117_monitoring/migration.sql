-- AlterTable
ALTER TABLE "check_runs" ADD COLUMN     "requested_by" TEXT,
ADD COLUMN     "trigger" TEXT;

-- CreateTable
CREATE TABLE "scan_tasks" (
    "check_run_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from_code" TEXT,
    "to_code" TEXT,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "done_by" TEXT,
    "done_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "scan_tasks_pkey" PRIMARY KEY ("check_run_id","key")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "project_code" TEXT,
    "owner_unit_code" TEXT,
    "owner_unit_name" TEXT,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "message_zh" TEXT NOT NULL,
    "message_en" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "details" JSONB NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,
    "last_check_run_id" UUID,
    "times_reopened" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_subscriptions" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secret" TEXT,
    "unit_codes" TEXT[],
    "rule_ids" TEXT[],
    "min_severity" TEXT NOT NULL,
    "immediate" BOOLEAN NOT NULL DEFAULT true,
    "digest" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "alert_ids" TEXT[],
    "check_run_id" UUID,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alerts_key_key" ON "alerts"("key");

-- CreateIndex
CREATE INDEX "alerts_status_severity_idx" ON "alerts"("status", "severity");

-- CreateIndex
CREATE INDEX "alerts_rule_id_status_idx" ON "alerts"("rule_id", "status");

-- CreateIndex
CREATE INDEX "alerts_owner_unit_code_idx" ON "alerts"("owner_unit_code");

-- CreateIndex
CREATE INDEX "notification_deliveries_subscription_id_created_at_idx" ON "notification_deliveries"("subscription_id", "created_at");

-- CreateIndex
CREATE INDEX "notification_deliveries_status_idx" ON "notification_deliveries"("status");

-- AddForeignKey
ALTER TABLE "scan_tasks" ADD CONSTRAINT "scan_tasks_check_run_id_fkey" FOREIGN KEY ("check_run_id") REFERENCES "check_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "notification_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Closed lists the application relies on.
ALTER TABLE "scan_tasks" ADD CONSTRAINT "scan_tasks_state_check" CHECK ("state" IN ('queued', 'done', 'failed'));
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_status_check" CHECK ("status" IN ('open', 'acknowledged', 'resolved'));
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_severity_check" CHECK ("severity" IN ('critical', 'warning', 'info'));
ALTER TABLE "notification_subscriptions" ADD CONSTRAINT "notification_subscriptions_channel_check"
  CHECK ("channel" IN ('webhook', 'dingtalk', 'wecom', 'email'));
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_status_check"
  CHECK ("status" IN ('pending', 'delivered', 'failed'));
