-- The tables written by SQL (src/store/README.md: job, meeting_request, proposal, pending_question) take their
-- ids and `updated_at` from the database, the same way for every statement: a default for the id
-- (gen_random_uuid) and `updated_at` (now()), and a trigger stamping `updated_at` on every update.
CREATE OR REPLACE FUNCTION convene_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

ALTER TABLE "job" ALTER COLUMN "id" SET DEFAULT gen_random_uuid(), ALTER COLUMN "updated_at" SET DEFAULT now();
CREATE TRIGGER "job_touch_updated_at" BEFORE UPDATE ON "job"
  FOR EACH ROW EXECUTE FUNCTION convene_touch_updated_at();

ALTER TABLE "meeting_request" ALTER COLUMN "id" SET DEFAULT gen_random_uuid(), ALTER COLUMN "updated_at" SET DEFAULT now();
CREATE TRIGGER "meeting_request_touch_updated_at" BEFORE UPDATE ON "meeting_request"
  FOR EACH ROW EXECUTE FUNCTION convene_touch_updated_at();

ALTER TABLE "proposal" ALTER COLUMN "id" SET DEFAULT gen_random_uuid(), ALTER COLUMN "updated_at" SET DEFAULT now();
CREATE TRIGGER "proposal_touch_updated_at" BEFORE UPDATE ON "proposal"
  FOR EACH ROW EXECUTE FUNCTION convene_touch_updated_at();

ALTER TABLE "pending_question" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();

-- Pruning finished jobs of one kind (the worker loop, in batches) reads this index, not the whole queue.
CREATE INDEX "job_kind_status_updated_at_idx" ON "job"("kind", "status", "updated_at");
