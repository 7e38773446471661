-- Occurrence exceptions of a series booking, and the occurrence a sync decision concerns (issue #22).
-- Additive: a new table and a nullable column (safe for a rolling deploy).

-- AlterTable
ALTER TABLE "sync_decision" ADD COLUMN "occurrence" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "booking_occurrence" (
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "original_start" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "booking_occurrence_pkey" PRIMARY KEY ("booking_id","original_start")
);

-- CreateIndex
CREATE INDEX "booking_occurrence_tenant_id_idx" ON "booking_occurrence"("tenant_id");

-- AddForeignKey
ALTER TABLE "booking_occurrence" ADD CONSTRAINT "booking_occurrence_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_occurrence" ADD CONSTRAINT "booking_occurrence_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
