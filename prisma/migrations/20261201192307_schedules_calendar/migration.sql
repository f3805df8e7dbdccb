-- CreateTable
CREATE TABLE "ScheduleCalendar" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "calendarId" TEXT NOT NULL DEFAULT '',
    "granted" TEXT NOT NULL DEFAULT '',
    "claimedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

