-- CreateTable
CREATE TABLE "rotation_pick" (
    "proposal_id" UUID NOT NULL,
    "slot_rank" INTEGER NOT NULL,
    "rotation_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "explanation" JSONB NOT NULL,

    CONSTRAINT "rotation_pick_pkey" PRIMARY KEY ("proposal_id","slot_rank")
);

-- AddForeignKey
ALTER TABLE "rotation_pick" ADD CONSTRAINT "rotation_pick_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rotation_pick" ADD CONSTRAINT "rotation_pick_rotation_id_fkey" FOREIGN KEY ("rotation_id") REFERENCES "rotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

