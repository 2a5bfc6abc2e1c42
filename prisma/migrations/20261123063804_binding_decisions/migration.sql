-- CreateTable
CREATE TABLE "binding_decisions" (
    "id" UUID NOT NULL,
    "binding_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "from_method" "BindingMethod",
    "to_method" "BindingMethod" NOT NULL,
    "decided_by" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "comment" TEXT,

    CONSTRAINT "binding_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "binding_decisions_binding_id_decided_at_idx" ON "binding_decisions"("binding_id", "decided_at");

-- CreateIndex
CREATE INDEX "bindings_method_idx" ON "bindings"("method");

-- AddForeignKey
ALTER TABLE "binding_decisions" ADD CONSTRAINT "binding_decisions_binding_id_fkey" FOREIGN KEY ("binding_id") REFERENCES "bindings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
