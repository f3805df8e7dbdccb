-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SupervisionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "standard" TEXT NOT NULL DEFAULT '',
    "sourceType" TEXT NOT NULL,
    "sourceRef" TEXT NOT NULL DEFAULT '',
    "promised" BOOLEAN NOT NULL DEFAULT false,
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "unitId" TEXT NOT NULL,
    "personId" TEXT,
    "leaderId" TEXT,
    "deadline" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusNote" TEXT NOT NULL DEFAULT '',
    "progressCycle" TEXT NOT NULL DEFAULT 'none',
    "progressPercent" INTEGER NOT NULL DEFAULT 0,
    "lastProgressAt" DATETIME,
    "chaseStep" INTEGER NOT NULL DEFAULT 0,
    "followUpDays" INTEGER,
    "followUpDate" TEXT,
    "followUpDone" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SupervisionMilestone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "doneAt" DATETIME
);

-- CreateTable
CREATE TABLE "SupervisionEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "SupervisionExtension" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "proposedDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedBy" TEXT NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CardRef" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL DEFAULT '',
    "view" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "fallbackText" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT NOT NULL DEFAULT '',
    "messageId" TEXT,
    "origin" TEXT NOT NULL DEFAULT '',
    "tracks" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "content", "createdAt", "fallbackText", "id", "kind", "lastError", "lockedBy", "lockedUntil", "messageId", "nextAttemptAt", "op", "origin", "sentAt", "status", "targetId", "targetType", "uuid") SELECT "attempts", "content", "createdAt", "fallbackText", "id", "kind", "lastError", "lockedBy", "lockedUntil", "messageId", "nextAttemptAt", "op", "origin", "sentAt", "status", "targetId", "targetType", "uuid" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_uuid_key" ON "OutboxMessage"("uuid");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_targetId_op_status_idx" ON "OutboxMessage"("targetId", "op", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionItem_number_key" ON "SupervisionItem"("number");

-- CreateIndex
CREATE INDEX "SupervisionItem_status_deadline_idx" ON "SupervisionItem"("status", "deadline");

-- CreateIndex
CREATE INDEX "SupervisionItem_unitId_status_idx" ON "SupervisionItem"("unitId", "status");

-- CreateIndex
CREATE INDEX "SupervisionItem_leaderId_status_idx" ON "SupervisionItem"("leaderId", "status");

-- CreateIndex
CREATE INDEX "SupervisionItem_personId_status_idx" ON "SupervisionItem"("personId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionItem_year_seq_key" ON "SupervisionItem"("year", "seq");

-- CreateIndex
CREATE INDEX "SupervisionMilestone_itemId_idx" ON "SupervisionMilestone"("itemId");

-- CreateIndex
CREATE INDEX "SupervisionEvent_itemId_at_idx" ON "SupervisionEvent"("itemId", "at");

-- CreateIndex
CREATE INDEX "SupervisionExtension_itemId_status_idx" ON "SupervisionExtension"("itemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CardRef_messageId_key" ON "CardRef"("messageId");

-- CreateIndex
CREATE INDEX "CardRef_objectType_objectId_idx" ON "CardRef"("objectType", "objectId");

