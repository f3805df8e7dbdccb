-- AlterTable
ALTER TABLE "ScheduleBroadcast" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'external';

-- CreateTable
CREATE TABLE "ScheduleDay" (
    "date" TEXT NOT NULL,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduleDay_pkey" PRIMARY KEY ("date")
);

