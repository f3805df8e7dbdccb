-- CreateTable
CREATE TABLE "MeetingType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "presidingId" TEXT NOT NULL DEFAULT '',
    "attendeeIds" TEXT NOT NULL DEFAULT '[]',
    "fixedUnitIds" TEXT NOT NULL DEFAULT '[]',
    "dueWorkingDays" INTEGER NOT NULL DEFAULT 2,
    "numberPrefix" TEXT NOT NULL,
    "numberSuffix" TEXT NOT NULL,
    "minutesTitle" TEXT NOT NULL,
    "chatId" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedBy" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "submitterId" TEXT NOT NULL,
    "submitterOpenId" TEXT NOT NULL,
    "presenterId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "meetingTypeId" TEXT NOT NULL,
    "materials" TEXT NOT NULL DEFAULT '[]',
    "attendUnitIds" TEXT NOT NULL DEFAULT '[]',
    "consulted" BOOLEAN NOT NULL DEFAULT false,
    "consultedWith" TEXT NOT NULL DEFAULT '',
    "needsLegalReview" BOOLEAN NOT NULL DEFAULT false,
    "legalBasis" TEXT NOT NULL DEFAULT '',
    "legalOutcome" TEXT NOT NULL DEFAULT '',
    "legalOpinion" TEXT NOT NULL DEFAULT '',
    "legalConditions" TEXT NOT NULL DEFAULT '',
    "legalReviewerId" TEXT NOT NULL DEFAULT '',
    "legalReviewedAt" DATETIME,
    "leaderOpinion" TEXT NOT NULL DEFAULT '',
    "leaderDecidedAt" DATETIME,
    "estimatedMinutes" INTEGER NOT NULL DEFAULT 15,
    "lateReason" TEXT NOT NULL DEFAULT '',
    "lateForMeetingId" TEXT,
    "consentStatus" TEXT NOT NULL DEFAULT '',
    "consentById" TEXT NOT NULL DEFAULT '',
    "consentAt" DATETIME,
    "status" TEXT NOT NULL,
    "statusAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "meetingId" TEXT,
    "agendaPosition" INTEGER,
    "postponedCount" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL DEFAULT '',
    "outcomeNote" TEXT NOT NULL DEFAULT '',
    "submittedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "TopicEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topicId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingTypeId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByOpenId" TEXT NOT NULL,
    "agendaPublishedAt" DATETIME,
    "reminderDate" TEXT NOT NULL DEFAULT '',
    "reminderSentAt" DATETIME,
    "heldAt" DATETIME,
    "absentIds" TEXT NOT NULL DEFAULT '[]',
    "minutesStatus" TEXT NOT NULL DEFAULT 'none',
    "minutesDueDate" TEXT NOT NULL DEFAULT '',
    "minutesDrafterId" TEXT NOT NULL DEFAULT '',
    "minutesFileKey" TEXT NOT NULL DEFAULT '',
    "minutesFileName" TEXT NOT NULL DEFAULT '',
    "minutesYear" INTEGER,
    "minutesSeq" INTEGER,
    "minutesNumber" TEXT NOT NULL DEFAULT '',
    "reviewDraftId" TEXT,
    "minutesSignedAt" DATETIME,
    "minutesIssuedAt" DATETIME,
    "minutesChaseRank" INTEGER NOT NULL DEFAULT 0,
    "implementedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "MeetingEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL DEFAULT '',
    "deadline" TEXT NOT NULL DEFAULT '',
    "supervisionItemId" TEXT,
    "supervisionNumber" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingType_code_key" ON "MeetingType"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_number_key" ON "Topic"("number");

-- CreateIndex
CREATE INDEX "Topic_status_meetingTypeId_idx" ON "Topic"("status", "meetingTypeId");

-- CreateIndex
CREATE INDEX "Topic_unitId_status_idx" ON "Topic"("unitId", "status");

-- CreateIndex
CREATE INDEX "Topic_leaderId_status_idx" ON "Topic"("leaderId", "status");

-- CreateIndex
CREATE INDEX "Topic_meetingId_agendaPosition_idx" ON "Topic"("meetingId", "agendaPosition");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_year_seq_key" ON "Topic"("year", "seq");

-- CreateIndex
CREATE INDEX "TopicEvent_topicId_at_idx" ON "TopicEvent"("topicId", "at");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_meetingTypeId_startsAt_idx" ON "Meeting"("meetingTypeId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_meetingTypeId_year_seq_key" ON "Meeting"("meetingTypeId", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_meetingTypeId_minutesYear_minutesSeq_key" ON "Meeting"("meetingTypeId", "minutesYear", "minutesSeq");

-- CreateIndex
CREATE INDEX "MeetingEvent_meetingId_at_idx" ON "MeetingEvent"("meetingId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingDecision_supervisionItemId_key" ON "MeetingDecision"("supervisionItemId");

-- CreateIndex
CREATE INDEX "MeetingDecision_meetingId_topicId_position_idx" ON "MeetingDecision"("meetingId", "topicId", "position");

