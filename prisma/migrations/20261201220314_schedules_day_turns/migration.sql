-- CreateTable
CREATE TABLE "ScheduleDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ScheduleBroadcast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "date" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "catchUp" BOOLEAN NOT NULL DEFAULT false,
    "messageId" TEXT NOT NULL DEFAULT '',
    "audience" TEXT NOT NULL DEFAULT 'external',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ScheduleBroadcast" ("catchUp", "chatId", "createdAt", "date", "id", "kind", "messageId", "updatedAt") SELECT "catchUp", "chatId", "createdAt", "date", "id", "kind", "messageId", "updatedAt" FROM "ScheduleBroadcast";
DROP TABLE "ScheduleBroadcast";
ALTER TABLE "new_ScheduleBroadcast" RENAME TO "ScheduleBroadcast";
CREATE UNIQUE INDEX "ScheduleBroadcast_date_chatId_key" ON "ScheduleBroadcast"("date", "chatId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

