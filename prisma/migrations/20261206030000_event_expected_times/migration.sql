-- AlterTable
ALTER TABLE "calendar_event" ADD COLUMN     "expected_times" JSONB;
