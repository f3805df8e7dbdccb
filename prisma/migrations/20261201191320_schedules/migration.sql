-- CreateTable
CREATE TABLE "ScheduleEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leaderId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "dayPart" TEXT NOT NULL,
    "startMinute" INTEGER,
    "endMinute" INTEGER,
    "activity" TEXT NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "accompany" TEXT NOT NULL DEFAULT '',
    "attendees" TEXT NOT NULL DEFAULT '',
    "contact" TEXT NOT NULL DEFAULT '',
    "visibility" TEXT NOT NULL DEFAULT 'internal',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "backfilled" BOOLEAN NOT NULL DEFAULT false,
    "remindMinutes" INTEGER,
    "calendarEventId" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ScheduleChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "before" TEXT NOT NULL DEFAULT '',
    "after" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "ScheduleProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorOpenId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entryId" TEXT,
    "payload" TEXT NOT NULL,
    "conflicts" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consumedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ScheduleAway" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leaderId" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "DutyRoster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "date" TEXT NOT NULL,
    "leaderName" TEXT NOT NULL,
    "staff" TEXT NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScheduleBroadcast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "date" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "catchUp" BOOLEAN NOT NULL DEFAULT false,
    "messageId" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ScheduleEntry_date_leaderId_idx" ON "ScheduleEntry"("date", "leaderId");

-- CreateIndex
CREATE INDEX "ScheduleEntry_leaderId_date_idx" ON "ScheduleEntry"("leaderId", "date");

-- CreateIndex
CREATE INDEX "ScheduleEntry_date_place_idx" ON "ScheduleEntry"("date", "place");

-- CreateIndex
CREATE INDEX "ScheduleChange_entryId_at_idx" ON "ScheduleChange"("entryId", "at");

-- CreateIndex
CREATE INDEX "ScheduleProposal_actorOpenId_createdAt_idx" ON "ScheduleProposal"("actorOpenId", "createdAt");

-- CreateIndex
CREATE INDEX "ScheduleAway_leaderId_startDate_idx" ON "ScheduleAway"("leaderId", "startDate");

-- CreateIndex
CREATE INDEX "ScheduleAway_startDate_endDate_idx" ON "ScheduleAway"("startDate", "endDate");

-- CreateIndex
CREATE INDEX "DutyRoster_date_idx" ON "DutyRoster"("date");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleBroadcast_date_chatId_key" ON "ScheduleBroadcast"("date", "chatId");

