-- AlterTable
ALTER TABLE "rotation" ADD COLUMN     "fairness_window" TEXT NOT NULL DEFAULT 'month',
ADD COLUMN     "group_ref" TEXT,
ADD COLUMN     "mode" TEXT NOT NULL DEFAULT 'round_robin',
ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "rotation_member" ADD COLUMN     "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "paused_from" TIMESTAMPTZ(3),
ADD COLUMN     "paused_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "rotation_assignment" (
    "id" UUID NOT NULL,
    "rotation_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "booking_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rotation_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rotation_assignment_rotation_id_at_idx" ON "rotation_assignment"("rotation_id", "at");

-- AddForeignKey
ALTER TABLE "rotation_assignment" ADD CONSTRAINT "rotation_assignment_rotation_id_fkey" FOREIGN KEY ("rotation_id") REFERENCES "rotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma cannot express them)
ALTER TABLE "rotation" ADD CONSTRAINT "rotation_mode_check" CHECK ("mode" IN ('round_robin', 'collective'));
ALTER TABLE "rotation" ADD CONSTRAINT "rotation_fairness_window_check" CHECK ("fairness_window" IN ('day', 'week', 'month'));
ALTER TABLE "rotation_member" ADD CONSTRAINT "rotation_member_weight_check" CHECK ("weight" >= 0);
CREATE UNIQUE INDEX "rotation_group_ref_key" ON "rotation"("tenant_id", "group_ref") WHERE "group_ref" IS NOT NULL;
