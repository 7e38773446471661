-- A short-lived capability a job's worker needs (a Discord interaction token, valid 15 minutes), sealed
-- with the encryption key ring like OAuth tokens and bound to the job's kind, tenant and dedupe key; cleared
-- when the job finishes. Additive and nullable: older replicas neither write nor read it.
ALTER TABLE "job" ADD COLUMN "secret_enc" TEXT;
