-- Jobs can be withdrawn before they run (the reminders of a cancelled or moved meeting): status 'cancelled'.
ALTER TABLE "job" DROP CONSTRAINT "job_status_check";
ALTER TABLE "job" ADD CONSTRAINT "job_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'dead', 'cancelled'));
