-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewDraft" (
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
    "sentFileKey" TEXT NOT NULL DEFAULT '',
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
INSERT INTO "new_ReviewDraft" ("closedAt", "createdAt", "currentPosition", "docToken", "docUrl", "drafterId", "drafterOpenId", "fileKey", "fileMessageId", "fileName", "id", "kind", "note", "number", "revision", "seq", "sourceType", "status", "statusAt", "submittedAt", "title", "unitId", "updatedAt", "urgency", "version", "year") SELECT "closedAt", "createdAt", "currentPosition", "docToken", "docUrl", "drafterId", "drafterOpenId", "fileKey", "fileMessageId", "fileName", "id", "kind", "note", "number", "revision", "seq", "sourceType", "status", "statusAt", "submittedAt", "title", "unitId", "updatedAt", "urgency", "version", "year" FROM "ReviewDraft";
DROP TABLE "ReviewDraft";
ALTER TABLE "new_ReviewDraft" RENAME TO "ReviewDraft";
CREATE UNIQUE INDEX "ReviewDraft_number_key" ON "ReviewDraft"("number");
CREATE INDEX "ReviewDraft_status_submittedAt_idx" ON "ReviewDraft"("status", "submittedAt");
CREATE INDEX "ReviewDraft_drafterOpenId_status_idx" ON "ReviewDraft"("drafterOpenId", "status");
CREATE INDEX "ReviewDraft_unitId_status_idx" ON "ReviewDraft"("unitId", "status");
CREATE INDEX "ReviewDraft_docToken_idx" ON "ReviewDraft"("docToken");
CREATE UNIQUE INDEX "ReviewDraft_year_seq_key" ON "ReviewDraft"("year", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

