-- Issue 14: supplier applications, county reviewers, product lifecycle and certificate submissions,
-- uploaded photos, reference prices, low-stock thresholds, hall offers and the audit trail.

CREATE TABLE "SupplierApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "creditCode" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "benefitWages" BOOLEAN NOT NULL DEFAULT false,
    "benefitDividends" BOOLEAN NOT NULL DEFAULT false,
    "benefitPurchase" BOOLEAN NOT NULL DEFAULT false,
    "benefitLandLease" BOOLEAN NOT NULL DEFAULT false,
    "benefitHouseholds" INTEGER NOT NULL DEFAULT 0,
    "benefitNote" TEXT NOT NULL,
    "licenceKey" TEXT NOT NULL,
    "licenceType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "rejectReason" TEXT,
    "rejectedBy" TEXT,
    "recommendedById" TEXT,
    "recommendedAt" DATETIME,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "coopId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SupplierApplication_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SupplierApplication_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SupplierApplication_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE TABLE "HallOffer" (
    "hallId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "offeredById" TEXT NOT NULL,
    "offeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("hallId", "productId"),
    CONSTRAINT "HallOffer_hallId_fkey" FOREIGN KEY ("hallId") REFERENCES "Hall" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HallOffer_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "coopId" TEXT,
    "productId" TEXT,
    "variantId" TEXT,
    "applicationId" TEXT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "before" TEXT,
    "after" TEXT,
    "delta" INTEGER,
    "reason" TEXT,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

ALTER TABLE "User" ADD COLUMN "countyId" TEXT REFERENCES "County" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Product" ADD COLUMN "certIssuer" TEXT;
ALTER TABLE "Product" ADD COLUMN "certValidFrom" DATETIME;
ALTER TABLE "Product" ADD COLUMN "certScanKey" TEXT;
ALTER TABLE "Product" ADD COLUMN "certScanType" TEXT;
ALTER TABLE "Product" ADD COLUMN "certSubmittedAt" DATETIME;
ALTER TABLE "Product" ADD COLUMN "certRejectReason" TEXT;

ALTER TABLE "ProductImage" ADD COLUMN "storageKey" TEXT;
ALTER TABLE "ProductImage" ADD COLUMN "widths" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ProductImage" ADD COLUMN "width" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ProductImage" ADD COLUMN "height" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Variant" ADD COLUMN "refPriceFen" INTEGER;
ALTER TABLE "Variant" ADD COLUMN "refPriceSource" TEXT;
ALTER TABLE "Variant" ADD COLUMN "refPriceDate" TEXT;
ALTER TABLE "Variant" ADD COLUMN "lowStockThreshold" INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX "SupplierApplication_coopId_key" ON "SupplierApplication"("coopId");
CREATE INDEX "SupplierApplication_applicantId_idx" ON "SupplierApplication"("applicantId");
CREATE INDEX "SupplierApplication_status_countyId_idx" ON "SupplierApplication"("status", "countyId");
CREATE INDEX "SupplierApplication_creditCode_idx" ON "SupplierApplication"("creditCode");
CREATE UNIQUE INDEX "ProductImage_storageKey_key" ON "ProductImage"("storageKey");
CREATE INDEX "HallOffer_productId_idx" ON "HallOffer"("productId");
CREATE INDEX "AuditEntry_productId_createdAt_idx" ON "AuditEntry"("productId", "createdAt");
CREATE INDEX "AuditEntry_variantId_kind_createdAt_idx" ON "AuditEntry"("variantId", "kind", "createdAt");
CREATE INDEX "AuditEntry_coopId_createdAt_idx" ON "AuditEntry"("coopId", "createdAt");
CREATE INDEX "AuditEntry_applicationId_createdAt_idx" ON "AuditEntry"("applicationId", "createdAt");
