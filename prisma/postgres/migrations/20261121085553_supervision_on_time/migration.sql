-- AlterTable
ALTER TABLE "SupervisionItem" ADD COLUMN     "closedOnTime" BOOLEAN NOT NULL DEFAULT false;

