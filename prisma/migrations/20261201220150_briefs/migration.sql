-- CreateTable
CREATE TABLE "InfoNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reporterOpenId" TEXT NOT NULL,
    "reporterName" TEXT NOT NULL DEFAULT '',
    "date" TEXT NOT NULL,
    "reportedAt" DATETIME NOT NULL,
    "body" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "declaredKind" TEXT NOT NULL DEFAULT '',
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "secret" BOOLEAN NOT NULL DEFAULT false,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "sensitiveWords" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL DEFAULT 'dm',
    "chatId" TEXT NOT NULL DEFAULT '',
    "messageId" TEXT NOT NULL DEFAULT '',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgentSuspected" BOOLEAN NOT NULL DEFAULT false,
    "urgentConfirmedAt" DATETIME,
    "eventAt" DATETIME,
    "elements" TEXT NOT NULL DEFAULT '{}',
    "elementsAskedAt" DATETIME,
    "urgentSentAt" DATETIME,
    "sentToLeadersAt" DATETIME,
    "sentToLeadersBy" TEXT NOT NULL DEFAULT '',
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "parentNoteId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'reported',
    "returnQuestion" TEXT NOT NULL DEFAULT '',
    "returnedBy" TEXT NOT NULL DEFAULT '',
    "editedAt" DATETIME,
    "withdrawnAt" DATETIME,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "InfoDayStatus" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unreported',
    "reportedAt" DATETIME,
    "reporterId" TEXT NOT NULL DEFAULT '',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "nudgedAt" DATETIME,
    "missedRecordedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "InfoItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceNoteIds" TEXT NOT NULL DEFAULT '[]',
    "facts" TEXT NOT NULL DEFAULT '[]',
    "riskyPhrases" TEXT NOT NULL DEFAULT '[]',
    "drafter" TEXT NOT NULL,
    "drafterReason" TEXT NOT NULL DEFAULT '',
    "promptVersion" TEXT NOT NULL DEFAULT '',
    "model" TEXT NOT NULL DEFAULT '',
    "tokens" INTEGER NOT NULL DEFAULT 0,
    "ms" INTEGER NOT NULL DEFAULT 0,
    "runId" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'draft',
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "editorId" TEXT NOT NULL,
    "editorOpenId" TEXT NOT NULL DEFAULT '',
    "writerId" TEXT NOT NULL DEFAULT '',
    "unitId" TEXT NOT NULL DEFAULT '',
    "adoptedAt" DATETIME,
    "adoptedBy" TEXT NOT NULL DEFAULT '',
    "issueId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "InfoIssue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'compiling',
    "compiledBy" TEXT NOT NULL,
    "compiledAt" DATETIME NOT NULL,
    "currentPosition" INTEGER,
    "signedBy" TEXT NOT NULL DEFAULT '',
    "signedAt" DATETIME,
    "fileKey" TEXT NOT NULL DEFAULT '',
    "fileName" TEXT NOT NULL DEFAULT '',
    "distribution" TEXT NOT NULL DEFAULT '{}',
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "InfoIssueStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issueId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "openId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "revision" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "reachedAt" DATETIME,
    "decidedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "InfoAdoption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "writerId" TEXT NOT NULL DEFAULT '',
    "writerName" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "issueId" TEXT,
    "where" TEXT NOT NULL DEFAULT '',
    "recordedBy" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "month" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "InfoEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "InfoWordList" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "words" TEXT NOT NULL DEFAULT '',
    "updatedBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "InfoNote_number_key" ON "InfoNote"("number");

-- CreateIndex
CREATE INDEX "InfoNote_date_unitId_idx" ON "InfoNote"("date", "unitId");

-- CreateIndex
CREATE INDEX "InfoNote_unitId_date_idx" ON "InfoNote"("unitId", "date");

-- CreateIndex
CREATE INDEX "InfoNote_reporterId_state_idx" ON "InfoNote"("reporterId", "state");

-- CreateIndex
CREATE INDEX "InfoNote_state_reportedAt_idx" ON "InfoNote"("state", "reportedAt");

-- CreateIndex
CREATE INDEX "InfoNote_urgent_sentToLeadersAt_idx" ON "InfoNote"("urgent", "sentToLeadersAt");

-- CreateIndex
CREATE INDEX "InfoNote_parentNoteId_idx" ON "InfoNote"("parentNoteId");

-- CreateIndex
CREATE INDEX "InfoNote_messageId_idx" ON "InfoNote"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "InfoNote_year_seq_key" ON "InfoNote"("year", "seq");

-- CreateIndex
CREATE INDEX "InfoDayStatus_date_status_idx" ON "InfoDayStatus"("date", "status");

-- CreateIndex
CREATE UNIQUE INDEX "InfoDayStatus_unitId_date_key" ON "InfoDayStatus"("unitId", "date");

-- CreateIndex
CREATE INDEX "InfoItem_state_createdAt_idx" ON "InfoItem"("state", "createdAt");

-- CreateIndex
CREATE INDEX "InfoItem_runId_idx" ON "InfoItem"("runId");

-- CreateIndex
CREATE INDEX "InfoItem_issueId_position_idx" ON "InfoItem"("issueId", "position");

-- CreateIndex
CREATE INDEX "InfoIssue_state_idx" ON "InfoIssue"("state");

-- CreateIndex
CREATE UNIQUE INDEX "InfoIssue_year_seq_key" ON "InfoIssue"("year", "seq");

-- CreateIndex
CREATE INDEX "InfoIssueStep_issueId_position_idx" ON "InfoIssueStep"("issueId", "position");

-- CreateIndex
CREATE INDEX "InfoIssueStep_openId_status_idx" ON "InfoIssueStep"("openId", "status");

-- CreateIndex
CREATE INDEX "InfoAdoption_month_unitId_idx" ON "InfoAdoption"("month", "unitId");

-- CreateIndex
CREATE INDEX "InfoAdoption_writerId_month_idx" ON "InfoAdoption"("writerId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "InfoAdoption_itemId_level_key" ON "InfoAdoption"("itemId", "level");

-- CreateIndex
CREATE INDEX "InfoEvent_objectType_objectId_at_idx" ON "InfoEvent"("objectType", "objectId", "at");

