-- What a request said beyond its window and duration (the zone its days are read in, time-of-day constraints,
-- excluded days), so that "more times" proposes under the same rules. Nullable: older requests have none.
ALTER TABLE "meeting_request" ADD COLUMN "criteria" JSONB;
