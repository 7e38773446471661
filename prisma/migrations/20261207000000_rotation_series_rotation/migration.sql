-- A round-robin team's recurring requests: 'fixed' (one member for the whole series, as before) or 'rotate'
-- (members take turns per occurrence). Additive, with a default: rows and older replicas keep 'fixed'.
ALTER TABLE "rotation" ADD COLUMN "series_rotation" TEXT NOT NULL DEFAULT 'fixed';
ALTER TABLE "rotation" ADD CONSTRAINT "rotation_series_rotation_check" CHECK ("series_rotation" IN ('fixed', 'rotate'));
