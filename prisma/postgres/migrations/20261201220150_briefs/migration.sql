-- CreateTable
CREATE TABLE "InfoNote" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reporterOpenId" TEXT NOT NULL,
    "reporterName" TEXT NOT NULL DEFAULT '',
    "date" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
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
    "urgentConfirmedAt" TIMESTAMP(3),
    "eventAt" TIMESTAMP(3),
    "elements" TEXT NOT NULL DEFAULT '{}',
    "elementsAskedAt" TIMESTAMP(3),
    "urgentSentAt" TIMESTAMP(3),
    "sentToLeadersAt" TIMESTAMP(3),
    "sentToLeadersBy" TEXT NOT NULL DEFAULT '',
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "parentNoteId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'reported',
    "returnQuestion" TEXT NOT NULL DEFAULT '',
    "returnedBy" TEXT NOT NULL DEFAULT '',
    "editedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InfoNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoDayStatus" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'unreported',
    "reportedAt" TIMESTAMP(3),
    "reporterId" TEXT NOT NULL DEFAULT '',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "nudgedAt" TIMESTAMP(3),
    "missedRecordedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InfoDayStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoItem" (
    "id" TEXT NOT NULL,
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
    "adoptedAt" TIMESTAMP(3),
    "adoptedBy" TEXT NOT NULL DEFAULT '',
    "issueId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InfoItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoIssue" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'compiling',
    "compiledBy" TEXT NOT NULL,
    "compiledAt" TIMESTAMP(3) NOT NULL,
    "currentPosition" INTEGER,
    "signedBy" TEXT NOT NULL DEFAULT '',
    "signedAt" TIMESTAMP(3),
    "fileKey" TEXT NOT NULL DEFAULT '',
    "fileName" TEXT NOT NULL DEFAULT '',
    "distribution" TEXT NOT NULL DEFAULT '{}',
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InfoIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoIssueStep" (
    "id" TEXT NOT NULL,
    "issueId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "openId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "revision" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "reachedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InfoIssueStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoAdoption" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "writerId" TEXT NOT NULL DEFAULT '',
    "writerName" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "issueId" TEXT,
    "where" TEXT NOT NULL DEFAULT '',
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "month" TEXT NOT NULL,

    CONSTRAINT "InfoAdoption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoEvent" (
    "id" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "InfoEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfoWordList" (
    "name" TEXT NOT NULL,
    "words" TEXT NOT NULL DEFAULT '',
    "updatedBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InfoWordList_pkey" PRIMARY KEY ("name")
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

