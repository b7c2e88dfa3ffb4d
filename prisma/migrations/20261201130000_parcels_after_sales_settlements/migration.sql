-- Parcels replace Shipment rows: one box from one co-op to one address, with its items. Existing
-- shipments are carried over (recipients' rows matched to their order line by the package label),
-- and paid orders that have not shipped yet are split into one parcel per co-op.
-- Then after-sales requests, co-op ratings and paid monthly statements.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "Parcel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "coopId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "courier" TEXT,
    "trackingNumber" TEXT,
    "shippedAt" DATETIME,
    "shippedById" TEXT,
    "deliveredAt" DATETIME,
    "receivedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Parcel_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Parcel_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE TABLE "ParcelItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "parcelId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "ParcelItem_parcelId_fkey" FOREIGN KEY ("parcelId") REFERENCES "Parcel" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParcelItem_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- A shipment's line: the one its package label names (recipients, gift codes), else the order's first line.
CREATE TABLE "_ShipmentLine" AS
SELECT s."id" AS "shipmentId",
       COALESCE(
         (SELECT l."id" FROM "OrderLine" l JOIN "Variant" v ON v."id" = l."variantId"
           WHERE l."orderId" = s."orderId" AND s."packageLabel" = l."productName" || '·' || l."variantName" || '（' || v."sku" || '）'
           ORDER BY l."id" LIMIT 1),
         (SELECT l."id" FROM "OrderLine" l WHERE l."orderId" = s."orderId" ORDER BY l."id" LIMIT 1)
       ) AS "orderLineId"
FROM "Shipment" s;

INSERT INTO "Parcel" ("id", "orderId", "seq", "coopId", "source", "recipient", "mobile", "province", "city", "district", "street",
                      "status", "courier", "trackingNumber", "shippedAt", "deliveredAt", "receivedBy", "createdAt")
SELECT s."id", s."orderId", ROW_NUMBER() OVER (PARTITION BY s."orderId" ORDER BY s."id"), p."coopId",
       CASE WHEN s."packageLabel" IS NULL THEN 'ORDER'
            WHEN EXISTS (SELECT 1 FROM "GiftCode" g WHERE g."shipmentId" = s."id") THEN 'GIFT_CODE'
            ELSE 'RECIPIENT' END,
       s."recipient", s."mobile", s."province", s."city", s."district", s."street",
       s."status", s."courier", s."trackingNumber", s."shippedAt", s."deliveredAt",
       CASE WHEN s."status" = 'DELIVERED' THEN 'STAFF' END, COALESCE(s."shippedAt", CURRENT_TIMESTAMP)
FROM "Shipment" s
JOIN "_ShipmentLine" sl ON sl."shipmentId" = s."id"
JOIN "OrderLine" l ON l."id" = sl."orderLineId"
JOIN "Product" p ON p."id" = l."productId";

-- A recipient's shipment holds its package; a shipment staff made for a whole order holds every line.
INSERT INTO "ParcelItem" ("id", "parcelId", "orderLineId", "quantity")
SELECT 'pi' || lower(hex(randomblob(11))), s."id", sl."orderLineId", s."quantity"
FROM "Shipment" s JOIN "_ShipmentLine" sl ON sl."shipmentId" = s."id"
WHERE s."packageLabel" IS NOT NULL;

INSERT INTO "ParcelItem" ("id", "parcelId", "orderLineId", "quantity")
SELECT 'pi' || lower(hex(randomblob(11))), s."id", l."id", l."quantity"
FROM "Shipment" s JOIN "OrderLine" l ON l."orderId" = s."orderId"
WHERE s."packageLabel" IS NULL;

-- Paid, unshipped orders with an address: one parcel per co-op, holding that co-op's lines.
CREATE TABLE "_NewParcel" AS
SELECT 'pc' || lower(hex(randomblob(11))) AS "id", x."orderId", x."coopId",
       ROW_NUMBER() OVER (PARTITION BY x."orderId" ORDER BY x."coopId") AS "seq"
FROM (
  SELECT DISTINCT l."orderId", p."coopId"
  FROM "OrderLine" l
  JOIN "Product" p ON p."id" = l."productId"
  JOIN "Order" o ON o."id" = l."orderId"
  WHERE o."status" IN ('PAID', 'PARTLY_REFUNDED') AND o."recipient" IS NOT NULL AND o."street" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."orderId" = o."id")
) x;

INSERT INTO "Parcel" ("id", "orderId", "seq", "coopId", "source", "recipient", "mobile", "province", "city", "district", "street", "status", "createdAt")
SELECT n."id", n."orderId", n."seq", n."coopId", 'ORDER', o."recipient", COALESCE(o."mobile", ''), COALESCE(o."province", ''),
       COALESCE(o."city", ''), COALESCE(o."district", ''), COALESCE(o."street", ''), 'PENDING', COALESCE(o."paidAt", o."createdAt")
FROM "_NewParcel" n JOIN "Order" o ON o."id" = n."orderId";

INSERT INTO "ParcelItem" ("id", "parcelId", "orderLineId", "quantity")
SELECT 'pi' || lower(hex(randomblob(11))), n."id", l."id", l."quantity"
FROM "_NewParcel" n
JOIN "OrderLine" l ON l."orderId" = n."orderId"
JOIN "Product" p ON p."id" = l."productId" AND p."coopId" = n."coopId";

DROP TABLE "_NewParcel";

-- Gift codes point at their order line and at the parcel a redemption created.
CREATE TABLE "new_GiftCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "codeHint" TEXT NOT NULL,
    "packageName" TEXT NOT NULL,
    "orderLineId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "redeemedAt" DATETIME,
    "revokedAt" DATETIME,
    "parcelId" TEXT,
    CONSTRAINT "GiftCode_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GiftCode_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GiftCode_parcelId_fkey" FOREIGN KEY ("parcelId") REFERENCES "Parcel" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_GiftCode" ("id", "orderId", "codeHash", "codeHint", "packageName", "orderLineId", "expiresAt", "redeemedAt", "revokedAt", "parcelId")
SELECT g."id", g."orderId", g."codeHash", g."codeHint", g."packageName",
       (SELECT l."id" FROM "OrderLine" l JOIN "Variant" v ON v."id" = l."variantId"
         WHERE l."orderId" = g."orderId" AND g."packageName" = l."productName" || '·' || l."variantName" || '（' || v."sku" || '）'
         ORDER BY l."id" LIMIT 1),
       g."expiresAt", g."redeemedAt", g."revokedAt", g."shipmentId"
FROM "GiftCode" g;
DROP TABLE "GiftCode";
ALTER TABLE "new_GiftCode" RENAME TO "GiftCode";
DROP TABLE "_ShipmentLine";
DROP TABLE "Shipment";

CREATE TABLE "AfterSalesRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "parcelId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "refusalReason" TEXT,
    "escalationNote" TEXT,
    "decisionNote" TEXT,
    "returnCourier" TEXT,
    "returnTrackingNumber" TEXT,
    "takenOffParcel" BOOLEAN NOT NULL DEFAULT false,
    "refundId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AfterSalesRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AfterSalesRequest_parcelId_fkey" FOREIGN KEY ("parcelId") REFERENCES "Parcel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AfterSalesRequest_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AfterSalesRequest_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AfterSalesRequest_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AfterSalesRequest_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "Refund" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE TABLE "AfterSalesPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "AfterSalesPhoto_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AfterSalesRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "AfterSalesEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actorId" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AfterSalesEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AfterSalesRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "CoopRating" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "parcelId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CoopRating_parcelId_fkey" FOREIGN KEY ("parcelId") REFERENCES "Parcel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoopRating_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoopRating_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "CoopSettlement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "coopId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "goodsFen" INTEGER NOT NULL,
    "refundsFen" INTEGER NOT NULL,
    "shippingFen" INTEGER NOT NULL,
    "feeRateBps" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "netFen" INTEGER NOT NULL,
    "bankReference" TEXT NOT NULL,
    "paidAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidById" TEXT NOT NULL,
    CONSTRAINT "CoopSettlement_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "GiftCode_codeHash_key" ON "GiftCode"("codeHash");
CREATE UNIQUE INDEX "GiftCode_parcelId_key" ON "GiftCode"("parcelId");
CREATE INDEX "GiftCode_orderId_idx" ON "GiftCode"("orderId");
CREATE INDEX "Parcel_coopId_status_idx" ON "Parcel"("coopId", "status");
CREATE INDEX "Parcel_status_shippedAt_idx" ON "Parcel"("status", "shippedAt");
CREATE UNIQUE INDEX "Parcel_orderId_seq_key" ON "Parcel"("orderId", "seq");
CREATE INDEX "ParcelItem_orderLineId_idx" ON "ParcelItem"("orderLineId");
CREATE UNIQUE INDEX "ParcelItem_parcelId_orderLineId_key" ON "ParcelItem"("parcelId", "orderLineId");
CREATE UNIQUE INDEX "AfterSalesRequest_refundId_key" ON "AfterSalesRequest"("refundId");
CREATE INDEX "AfterSalesRequest_coopId_status_idx" ON "AfterSalesRequest"("coopId", "status");
CREATE INDEX "AfterSalesRequest_orderId_idx" ON "AfterSalesRequest"("orderId");
CREATE INDEX "AfterSalesRequest_parcelId_idx" ON "AfterSalesRequest"("parcelId");
CREATE INDEX "AfterSalesRequest_status_updatedAt_idx" ON "AfterSalesRequest"("status", "updatedAt");
CREATE INDEX "AfterSalesPhoto_requestId_idx" ON "AfterSalesPhoto"("requestId");
CREATE INDEX "AfterSalesEvent_requestId_createdAt_idx" ON "AfterSalesEvent"("requestId", "createdAt");
CREATE UNIQUE INDEX "CoopRating_parcelId_key" ON "CoopRating"("parcelId");
CREATE INDEX "CoopRating_coopId_createdAt_idx" ON "CoopRating"("coopId", "createdAt");
CREATE INDEX "CoopSettlement_month_idx" ON "CoopSettlement"("month");
CREATE UNIQUE INDEX "CoopSettlement_coopId_month_key" ON "CoopSettlement"("coopId", "month");

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
