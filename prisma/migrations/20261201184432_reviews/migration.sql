-- CreateTable
CREATE TABLE "ReviewDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "sourceType" TEXT NOT NULL,
    "docToken" TEXT NOT NULL DEFAULT '',
    "docUrl" TEXT NOT NULL DEFAULT '',
    "fileMessageId" TEXT NOT NULL DEFAULT '',
    "fileKey" TEXT NOT NULL DEFAULT '',
    "fileName" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "drafterId" TEXT NOT NULL,
    "drafterOpenId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "currentPosition" INTEGER,
    "submittedAt" DATETIME NOT NULL,
    "statusAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ReviewStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "openId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "revision" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "reachedAt" DATETIME,
    "decidedAt" DATETIME,
    "transferredFrom" TEXT NOT NULL DEFAULT '',
    "transferReason" TEXT NOT NULL DEFAULT '',
    "remindedRank" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ReviewEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "ReviewTemplate" (
    "kind" TEXT NOT NULL PRIMARY KEY,
    "steps" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReviewErratum" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "docNumber" TEXT NOT NULL,
    "draftId" TEXT,
    "description" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT '',
    "personName" TEXT NOT NULL DEFAULT '',
    "recordedBy" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDraft_number_key" ON "ReviewDraft"("number");

-- CreateIndex
CREATE INDEX "ReviewDraft_status_submittedAt_idx" ON "ReviewDraft"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "ReviewDraft_drafterOpenId_status_idx" ON "ReviewDraft"("drafterOpenId", "status");

-- CreateIndex
CREATE INDEX "ReviewDraft_unitId_status_idx" ON "ReviewDraft"("unitId", "status");

-- CreateIndex
CREATE INDEX "ReviewDraft_docToken_idx" ON "ReviewDraft"("docToken");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDraft_year_seq_key" ON "ReviewDraft"("year", "seq");

-- CreateIndex
CREATE INDEX "ReviewStep_draftId_position_idx" ON "ReviewStep"("draftId", "position");

-- CreateIndex
CREATE INDEX "ReviewStep_openId_status_idx" ON "ReviewStep"("openId", "status");

-- CreateIndex
CREATE INDEX "ReviewStep_status_reachedAt_idx" ON "ReviewStep"("status", "reachedAt");

-- CreateIndex
CREATE INDEX "ReviewEvent_draftId_at_idx" ON "ReviewEvent"("draftId", "at");

-- CreateIndex
CREATE INDEX "ReviewErratum_recordedAt_idx" ON "ReviewErratum"("recordedAt");

