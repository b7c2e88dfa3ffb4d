-- Issue 16: per-head welfare allowances and gift codes handed out before payment.
CREATE TABLE "WelfareAllowance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "perHeadFen" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WelfareAllowance_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "WelfareAllowance_organizationId_name_key" ON "WelfareAllowance"("organizationId", "name");

ALTER TABLE "Order" ADD COLUMN "allowanceId" TEXT REFERENCES "WelfareAllowance" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Order" ADD COLUMN "codesBeforePaymentAt" DATETIME;
