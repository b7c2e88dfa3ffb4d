-- Ledger entries waiting to be added to the rollups (docs/decisions/0009), and the /healthz write probe.
-- CreateTable
CREATE TABLE "ImpactRollupQueue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryIds" TEXT NOT NULL,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "HealthProbe" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ImpactRollupQueue_queuedAt_idx" ON "ImpactRollupQueue"("queuedAt");
