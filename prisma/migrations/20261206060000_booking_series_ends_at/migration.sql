-- A series booking's span: when its last occurrence ends (issue #22), set at booking time, so that
-- `/meet cancel` and `/meet reschedule` list a series while an occurrence is still ahead (the booking's own
-- starts_at/ends_at are its FIRST occurrence). Nullable and additive: single meetings, and series booked
-- before this column, have none (no backfill). The partial index keeps the lookup to ongoing series.
ALTER TABLE "booking" ADD COLUMN "series_ends_at" TIMESTAMPTZ(3);
CREATE INDEX "booking_tenant_id_series_ends_at_idx" ON "booking" ("tenant_id", "series_ends_at")
  WHERE "series_ends_at" IS NOT NULL;
