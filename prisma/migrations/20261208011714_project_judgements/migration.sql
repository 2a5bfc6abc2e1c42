-- CreateTable
CREATE TABLE "project_judgements" (
    "project_id" UUID NOT NULL,
    "check_run_id" UUID NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "blocking_rule_ids" TEXT[],
    "verdicts" JSONB NOT NULL,
    "counts" JSONB NOT NULL,

    CONSTRAINT "project_judgements_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "judgement_totals" (
    "id" TEXT NOT NULL,
    "checked" INTEGER NOT NULL,
    "not_ready" INTEGER NOT NULL,
    "last_checked_at" TIMESTAMPTZ(3),
    "counts" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "judgement_totals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "project_judgements_check_run_id_idx" ON "project_judgements"("check_run_id");

-- AddForeignKey
ALTER TABLE "project_judgements" ADD CONSTRAINT "project_judgements_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_judgements" ADD CONSTRAINT "project_judgements_check_run_id_fkey" FOREIGN KEY ("check_run_id") REFERENCES "check_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: each project's latest judgement from the findings already stored (its most recent
-- completed run, the one with the newest findings), and the city-wide totals. From here on the hub
-- keeps both (JudgementsRepository).
WITH latest AS (
    SELECT DISTINCT ON (f.project_id) f.project_id, f.check_run_id
    FROM findings f JOIN check_runs c ON c.id = f.check_run_id
    WHERE c.status = 'completed'
    ORDER BY f.project_id, f.created_at DESC
),
mine AS (
    SELECT f.* FROM findings f JOIN latest l ON l.project_id = f.project_id AND l.check_run_id = f.check_run_id
),
judged AS (
    SELECT project_id, check_run_id, MAX(created_at) AS evaluated_at,
           COALESCE(array_agg(rule_id ORDER BY rule_id) FILTER (
             WHERE severity = 'blocking' AND NOT warning_only AND verdict IN ('FAIL', 'UNKNOWN')
           ), '{}') AS blocking_rule_ids,
           jsonb_object_agg(rule_id, verdict::text) AS verdicts
    FROM mine GROUP BY project_id, check_run_id
),
counted AS (
    SELECT project_id, jsonb_object_agg(domain || ':' || verdict, n) AS counts
    FROM (SELECT project_id, domain, verdict::text AS verdict, COUNT(*)::int AS n
          FROM mine GROUP BY project_id, domain, verdict) d
    GROUP BY project_id
)
INSERT INTO "project_judgements"
    ("project_id", "check_run_id", "as_of", "evaluated_at", "blocking_rule_ids", "verdicts", "counts")
SELECT j.project_id, j.check_run_id, c.as_of, j.evaluated_at, j.blocking_rule_ids, j.verdicts, k.counts
FROM judged j JOIN counted k ON k.project_id = j.project_id JOIN check_runs c ON c.id = j.check_run_id;

INSERT INTO "judgement_totals" ("id", "checked", "not_ready", "last_checked_at", "counts", "updated_at")
SELECT 'city', COUNT(*)::int, (COUNT(*) FILTER (WHERE cardinality(blocking_rule_ids) > 0))::int, MAX(as_of),
       COALESCE((SELECT jsonb_object_agg(key, n) FROM (
         SELECT e.key, SUM(e.value::int) AS n
         FROM "project_judgements" j, jsonb_each_text(j.counts) e GROUP BY e.key) t), '{}'::jsonb),
       now()
FROM "project_judgements";
