-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SupervisionItem" (
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
    "followUpSentAt" DATETIME,
    "followUpDone" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "closedOnTime" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_SupervisionItem" ("chaseStep", "closedAt", "closedOnTime", "content", "createdAt", "createdBy", "deadline", "followUpDate", "followUpDays", "followUpDone", "id", "lastProgressAt", "leaderId", "number", "personId", "progressCycle", "progressPercent", "promised", "seq", "sourceRef", "sourceType", "standard", "status", "statusNote", "unitId", "updatedAt", "urgency", "year") SELECT "chaseStep", "closedAt", "closedOnTime", "content", "createdAt", "createdBy", "deadline", "followUpDate", "followUpDays", "followUpDone", "id", "lastProgressAt", "leaderId", "number", "personId", "progressCycle", "progressPercent", "promised", "seq", "sourceRef", "sourceType", "standard", "status", "statusNote", "unitId", "updatedAt", "urgency", "year" FROM "SupervisionItem";
DROP TABLE "SupervisionItem";
ALTER TABLE "new_SupervisionItem" RENAME TO "SupervisionItem";
CREATE UNIQUE INDEX "SupervisionItem_number_key" ON "SupervisionItem"("number");
CREATE INDEX "SupervisionItem_status_deadline_idx" ON "SupervisionItem"("status", "deadline");
CREATE INDEX "SupervisionItem_unitId_status_idx" ON "SupervisionItem"("unitId", "status");
CREATE INDEX "SupervisionItem_leaderId_status_idx" ON "SupervisionItem"("leaderId", "status");
CREATE INDEX "SupervisionItem_personId_status_idx" ON "SupervisionItem"("personId", "status");
CREATE UNIQUE INDEX "SupervisionItem_year_seq_key" ON "SupervisionItem"("year", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

