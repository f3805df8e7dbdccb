-- AlterTable
ALTER TABLE "SupervisionItem" ADD COLUMN     "followUpSentAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

