-- CreateTable
CREATE TABLE "ScheduleCalendar" (
    "id" TEXT NOT NULL,
    "calendarId" TEXT NOT NULL DEFAULT '',
    "granted" TEXT NOT NULL DEFAULT '',
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduleCalendar_pkey" PRIMARY KEY ("id")
);

