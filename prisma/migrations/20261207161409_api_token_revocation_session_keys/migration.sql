-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "revoked_reason" TEXT;

-- CreateTable
CREATE TABLE "session_keys" (
    "kid" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_keys_pkey" PRIMARY KEY ("kid")
);

-- The key generated into hub_secrets before keys had names: it keeps verifying the sessions it
-- signed (they carry no kid) until the next rotation retires it.
INSERT INTO "session_keys" ("kid", "secret", "created_at")
SELECT 'legacy', "value", "created_at" FROM "hub_secrets" WHERE "name" = 'session-signing-key';
DELETE FROM "hub_secrets" WHERE "name" = 'session-signing-key';
