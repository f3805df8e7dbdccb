-- AlterTable
ALTER TABLE "ReviewDraft" ADD COLUMN     "sentFileKey" TEXT NOT NULL DEFAULT '';

