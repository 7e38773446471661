-- A round-robin team taking turns per occurrence (issue #22): each member's turn of a series booking and the
-- number of turns. Additive and nullable: existing rows and older replicas mean "attends every occurrence".
ALTER TABLE "booking_participant" ADD COLUMN "turn" INTEGER;
ALTER TABLE "booking_participant" ADD COLUMN "turn_of" INTEGER;
ALTER TABLE "booking_participant" ADD CONSTRAINT "booking_participant_turn_check"
  CHECK (("turn" IS NULL AND "turn_of" IS NULL) OR ("turn_of" >= 2 AND "turn" >= 0 AND "turn" < "turn_of"));

-- The members in turn order of a proposal's slot (empty: one member hosts the whole series, as before).
ALTER TABLE "rotation_pick" ADD COLUMN "turns" TEXT[] NOT NULL DEFAULT '{}';
