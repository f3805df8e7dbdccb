-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "tracks" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SupervisionItem" (
    "id" TEXT NOT NULL,
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
    "lastProgressAt" TIMESTAMP(3),
    "chaseStep" INTEGER NOT NULL DEFAULT 0,
    "followUpDays" INTEGER,
    "followUpDate" TEXT,
    "followUpDone" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "SupervisionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionMilestone" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "SupervisionMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionEvent" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SupervisionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionExtension" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "proposedDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedBy" TEXT NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CardRef" (
    "id" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL DEFAULT '',
    "view" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardRef_pkey" PRIMARY KEY ("id")
);

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

