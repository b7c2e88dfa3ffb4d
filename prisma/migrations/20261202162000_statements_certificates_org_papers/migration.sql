-- Organisation onboarding: contact, licence scan, rejection reason.
ALTER TABLE "Organization" ADD COLUMN "contactName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Organization" ADD COLUMN "contactPhone" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Organization" ADD COLUMN "licenceKey" TEXT;
ALTER TABLE "Organization" ADD COLUMN "licenceType" TEXT;
ALTER TABLE "Organization" ADD COLUMN "rejectReason" TEXT;

-- Bank statement rows matched to orders.
CREATE TABLE "BankReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fingerprint" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "receivedOn" DATETIME NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "payer" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "excessFen" INTEGER NOT NULL DEFAULT 0,
    "returnedAt" DATETIME,
    "returnedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankReceipt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "BankReceipt_fingerprint_key" ON "BankReceipt"("fingerprint");
CREATE INDEX "BankReceipt_orderId_idx" ON "BankReceipt"("orderId");
CREATE INDEX "BankReceipt_excessFen_returnedAt_idx" ON "BankReceipt"("excessFen", "returnedAt");

-- Pledge certificates as issued, for /verify/<code>.
CREATE TABLE "PledgeCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "asOf" DATETIME NOT NULL,
    "purchasedFen" INTEGER NOT NULL,
    "targetFen" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PledgeCertificate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "PledgeCertificate_code_key" ON "PledgeCertificate"("code");
CREATE INDEX "PledgeCertificate_organizationId_idx" ON "PledgeCertificate"("organizationId");
