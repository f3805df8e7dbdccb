-- CreateTable
CREATE TABLE "ReviewDraft" (
    "id" TEXT NOT NULL,
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
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "statusAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReviewDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewStep" (
    "id" TEXT NOT NULL,
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
    "reachedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "transferredFrom" TEXT NOT NULL DEFAULT '',
    "transferReason" TEXT NOT NULL DEFAULT '',
    "remindedRank" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReviewStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewEvent" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReviewEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewTemplate" (
    "kind" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewTemplate_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "ReviewErratum" (
    "id" TEXT NOT NULL,
    "docNumber" TEXT NOT NULL,
    "draftId" TEXT,
    "description" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT '',
    "personName" TEXT NOT NULL DEFAULT '',
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewErratum_pkey" PRIMARY KEY ("id")
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

