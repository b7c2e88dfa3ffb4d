-- Issue 17: batches and the public trace, 发票 with red-letter reversals, 定点帮扶 programmes.

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "producedOn" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "quantityUnit" TEXT NOT NULL,
    "certKind" TEXT NOT NULL,
    "certNumber" TEXT NOT NULL,
    "certScan" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Batch_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Batch_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BatchShare" (
    "batchId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,

    PRIMARY KEY ("batchId", "householdId"),
    CONSTRAINT "BatchShare_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BatchShare_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BatchStock" (
    "batchId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "received" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("batchId", "variantId"),
    CONSTRAINT "BatchStock_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BatchStock_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BatchAllocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderLineId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BatchAllocation_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BatchAllocation_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "titleKind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "taxNumber" TEXT,
    "regAddress" TEXT,
    "regPhone" TEXT,
    "bankName" TEXT,
    "bankAccount" TEXT,
    "requestedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InvoiceRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "issuerCoopId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "originalId" TEXT,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "taxNumber" TEXT,
    "amountFen" INTEGER NOT NULL,
    "reversedFen" INTEGER NOT NULL DEFAULT 0,
    "fullyReversed" BOOLEAN NOT NULL DEFAULT false,
    "number" TEXT,
    "issuedOn" TEXT,
    "pdfFile" TEXT,
    "refundId" TEXT,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "issuedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_issuerCoopId_fkey" FOREIGN KEY ("issuerCoopId") REFERENCES "Coop" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Invoice_originalId_fkey" FOREIGN KEY ("originalId") REFERENCES "Invoice" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invoiceId" TEXT NOT NULL,
    "orderLineId" TEXT,
    "amountFen" INTEGER NOT NULL,
    CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InvoiceLine_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssistanceProgramme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssistanceProgramme_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeMember" (
    "programmeId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,

    PRIMARY KEY ("programmeId", "organizationId"),
    CONSTRAINT "ProgrammeMember_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "AssistanceProgramme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Batch_code_key" ON "Batch"("code");

-- CreateIndex
CREATE INDEX "Batch_productId_producedOn_idx" ON "Batch"("productId", "producedOn");

-- CreateIndex
CREATE INDEX "Batch_coopId_createdAt_idx" ON "Batch"("coopId", "createdAt");

-- CreateIndex
CREATE INDEX "BatchShare_householdId_idx" ON "BatchShare"("householdId");

-- CreateIndex
CREATE INDEX "BatchStock_variantId_remaining_idx" ON "BatchStock"("variantId", "remaining");

-- CreateIndex
CREATE INDEX "BatchAllocation_batchId_idx" ON "BatchAllocation"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "BatchAllocation_orderLineId_batchId_key" ON "BatchAllocation"("orderLineId", "batchId");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceRequest_orderId_key" ON "InvoiceRequest"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE INDEX "Invoice_orderId_idx" ON "Invoice"("orderId");

-- CreateIndex
CREATE INDEX "Invoice_kind_status_idx" ON "Invoice"("kind", "status");

-- CreateIndex
CREATE INDEX "Invoice_originalId_idx" ON "Invoice"("originalId");

-- CreateIndex
CREATE INDEX "Invoice_issuerCoopId_kind_status_idx" ON "Invoice"("issuerCoopId", "kind", "status");

-- CreateIndex
CREATE INDEX "InvoiceLine_invoiceId_idx" ON "InvoiceLine"("invoiceId");

-- CreateIndex
CREATE INDEX "InvoiceLine_orderLineId_idx" ON "InvoiceLine"("orderLineId");

-- CreateIndex
CREATE INDEX "AssistanceProgramme_countyId_idx" ON "AssistanceProgramme"("countyId");

-- CreateIndex
CREATE INDEX "ProgrammeMember_organizationId_idx" ON "ProgrammeMember"("organizationId");

-- Who issues a co-op's invoices (PLATFORM or COOP).
ALTER TABLE "Coop" ADD COLUMN "invoiceIssuer" TEXT NOT NULL DEFAULT 'PLATFORM';

-- The three invoice columns on Order become InvoiceRequest rows (one source of truth), then go.
INSERT INTO "InvoiceRequest" ("id", "orderId", "type", "titleKind", "title", "taxNumber", "requestedById", "createdAt", "updatedAt")
SELECT 'ir' || "id", "id", "invoiceType", 'ORGANIZATION', COALESCE("invoiceTitle", ''), "invoiceTaxNo", "buyerId", "createdAt", CURRENT_TIMESTAMP
FROM "Order" WHERE "invoiceType" IN ('PLAIN', 'SPECIAL');
ALTER TABLE "Order" DROP COLUMN "invoiceType";
ALTER TABLE "Order" DROP COLUMN "invoiceTitle";
ALTER TABLE "Order" DROP COLUMN "invoiceTaxNo";
