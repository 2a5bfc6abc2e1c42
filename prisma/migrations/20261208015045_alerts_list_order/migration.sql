-- CreateIndex
CREATE INDEX "alerts_last_seen_at_key_idx" ON "alerts"("last_seen_at" DESC, "key");
