-- AlterTable
ALTER TABLE "preferences" ADD COLUMN     "tentative_free" BOOLEAN NOT NULL DEFAULT false;

