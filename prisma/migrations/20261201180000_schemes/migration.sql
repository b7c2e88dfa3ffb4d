-- The article's schemes: tree adoption, tours, pre-sales (docs/decisions/0013-schemes.md)
-- CreateTable
CREATE TABLE "Orchard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "variety" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "cols" INTEGER NOT NULL,
    "shareGrams" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Orchard_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Orchard_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tree" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orchardId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "col" INTEGER NOT NULL,
    CONSTRAINT "Tree_orchardId_fkey" FOREIGN KEY ("orchardId") REFERENCES "Orchard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrchardSeason" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orchardId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "orgPriceFen" INTEGER NOT NULL,
    "orgMinTrees" INTEGER NOT NULL DEFAULT 10,
    "renewalOpensAt" DATETIME NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "harvestFrom" TEXT NOT NULL,
    "harvestTo" TEXT NOT NULL,
    "harvestedAt" DATETIME,
    "harvestGrams" INTEGER,
    "harvestNote" TEXT,
    CONSTRAINT "OrchardSeason_orchardId_fkey" FOREIGN KEY ("orchardId") REFERENCES "Orchard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TreeOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seasonId" TEXT NOT NULL,
    "treeId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    CONSTRAINT "TreeOffer_seasonId_fkey" FOREIGN KEY ("seasonId") REFERENCES "OrchardSeason" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TreeOffer_treeId_fkey" FOREIGN KEY ("treeId") REFERENCES "Tree" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TreeOffer_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TreeAdoption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "adopterId" TEXT NOT NULL,
    "organizationId" TEXT,
    "displayName" TEXT NOT NULL,
    "shareGrams" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TreeAdoption_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "TreeOffer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TreeAdoption_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HarvestDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "adoptionId" TEXT NOT NULL,
    "grams" INTEGER NOT NULL,
    "deliverOn" TEXT NOT NULL,
    "isGift" BOOLEAN NOT NULL DEFAULT false,
    "giftHash" TEXT,
    "giftHint" TEXT,
    "giftExpires" DATETIME,
    "redeemedAt" DATETIME,
    "recipient" TEXT,
    "mobile" TEXT,
    "province" TEXT,
    "city" TEXT,
    "district" TEXT,
    "street" TEXT,
    "parcelId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HarvestDelivery_adoptionId_fkey" FOREIGN KEY ("adoptionId") REFERENCES "TreeAdoption" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrowthLogEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orchardId" TEXT NOT NULL,
    "seasonYear" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GrowthLogEntry_orchardId_fkey" FOREIGN KEY ("orchardId") REFERENCES "Orchard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrowthLogPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "GrowthLogPhoto_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "GrowthLogEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TourPackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "itinerary" TEXT NOT NULL,
    "inclusions" TEXT NOT NULL,
    "exclusions" TEXT NOT NULL,
    "earners" TEXT NOT NULL,
    "guardianRule" BOOLEAN NOT NULL DEFAULT true,
    "cancellation" TEXT NOT NULL,
    "cutoffDays" INTEGER NOT NULL DEFAULT 3,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TourPackage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TourPackage_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TourDeparture" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "departOn" TEXT NOT NULL,
    "returnOn" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "groupPriceFen" INTEGER NOT NULL,
    "groupMinSeats" INTEGER NOT NULL DEFAULT 10,
    CONSTRAINT "TourDeparture_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "TourPackage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TourDeparture_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TourBooking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactMobile" TEXT NOT NULL,
    "cancelledAt" DATETIME,
    "refundPercent" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TourBooking_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TourBooking_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "TourDeparture" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TourTraveller" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bookingId" TEXT NOT NULL,
    "departureId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "idSealed" TEXT,
    "idDigest" TEXT,
    "idMasked" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "TourTraveller_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "TourBooking" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TourTraveller_departureId_fkey" FOREIGN KEY ("departureId") REFERENCES "TourDeparture" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Presale" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "depositFen" INTEGER,
    "committedQty" INTEGER NOT NULL,
    "minimumQty" INTEGER NOT NULL,
    "harvestFrom" TEXT NOT NULL,
    "harvestTo" TEXT NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "balanceDays" INTEGER NOT NULL DEFAULT 7,
    "unpaidBalance" TEXT NOT NULL DEFAULT 'FORFEIT',
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "harvestQty" INTEGER,
    "harvestedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Presale_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Presale_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Presale_coopId_fkey" FOREIGN KEY ("coopId") REFERENCES "Coop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PresaleOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "presaleId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "organizationId" TEXT,
    "quantity" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "firstOrderId" TEXT NOT NULL,
    "balanceOrderId" TEXT,
    "stage" TEXT NOT NULL DEFAULT 'OPEN',
    "filledQty" INTEGER,
    "balanceDueAt" DATETIME,
    "recipient" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "parcelId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PresaleOrder_presaleId_fkey" FOREIGN KEY ("presaleId") REFERENCES "Presale" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PresaleOrder_firstOrderId_fkey" FOREIGN KEY ("firstOrderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PresaleOrder_balanceOrderId_fkey" FOREIGN KEY ("balanceOrderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PresaleNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "presaleId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PresaleNotice_presaleId_fkey" FOREIGN KEY ("presaleId") REFERENCES "Presale" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Orchard_slug_key" ON "Orchard"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Orchard_productId_key" ON "Orchard"("productId");

-- CreateIndex
CREATE INDEX "Orchard_coopId_idx" ON "Orchard"("coopId");

-- CreateIndex
CREATE UNIQUE INDEX "Tree_orchardId_code_key" ON "Tree"("orchardId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Tree_orchardId_row_col_key" ON "Tree"("orchardId", "row", "col");

-- CreateIndex
CREATE UNIQUE INDEX "OrchardSeason_orchardId_year_key" ON "OrchardSeason"("orchardId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "TreeOffer_variantId_key" ON "TreeOffer"("variantId");

-- CreateIndex
CREATE UNIQUE INDEX "TreeOffer_seasonId_treeId_key" ON "TreeOffer"("seasonId", "treeId");

-- CreateIndex
CREATE UNIQUE INDEX "TreeAdoption_code_key" ON "TreeAdoption"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TreeAdoption_orderLineId_key" ON "TreeAdoption"("orderLineId");

-- CreateIndex
CREATE INDEX "TreeAdoption_offerId_idx" ON "TreeAdoption"("offerId");

-- CreateIndex
CREATE INDEX "TreeAdoption_orderId_idx" ON "TreeAdoption"("orderId");

-- CreateIndex
CREATE INDEX "TreeAdoption_adopterId_idx" ON "TreeAdoption"("adopterId");

-- CreateIndex
CREATE UNIQUE INDEX "HarvestDelivery_giftHash_key" ON "HarvestDelivery"("giftHash");

-- CreateIndex
CREATE UNIQUE INDEX "HarvestDelivery_parcelId_key" ON "HarvestDelivery"("parcelId");

-- CreateIndex
CREATE INDEX "HarvestDelivery_adoptionId_idx" ON "HarvestDelivery"("adoptionId");

-- CreateIndex
CREATE INDEX "GrowthLogEntry_orchardId_createdAt_idx" ON "GrowthLogEntry"("orchardId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GrowthLogPhoto_file_key" ON "GrowthLogPhoto"("file");

-- CreateIndex
CREATE INDEX "GrowthLogPhoto_entryId_idx" ON "GrowthLogPhoto"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "TourPackage_slug_key" ON "TourPackage"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "TourPackage_productId_key" ON "TourPackage"("productId");

-- CreateIndex
CREATE INDEX "TourPackage_coopId_idx" ON "TourPackage"("coopId");

-- CreateIndex
CREATE UNIQUE INDEX "TourDeparture_variantId_key" ON "TourDeparture"("variantId");

-- CreateIndex
CREATE INDEX "TourDeparture_packageId_departOn_idx" ON "TourDeparture"("packageId", "departOn");

-- CreateIndex
CREATE UNIQUE INDEX "TourBooking_orderId_key" ON "TourBooking"("orderId");

-- CreateIndex
CREATE INDEX "TourBooking_departureId_idx" ON "TourBooking"("departureId");

-- CreateIndex
CREATE INDEX "TourBooking_buyerId_idx" ON "TourBooking"("buyerId");

-- CreateIndex
CREATE INDEX "TourTraveller_bookingId_idx" ON "TourTraveller"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "TourTraveller_departureId_idDigest_key" ON "TourTraveller"("departureId", "idDigest");

-- CreateIndex
CREATE UNIQUE INDEX "Presale_slug_key" ON "Presale"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Presale_productId_key" ON "Presale"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Presale_variantId_key" ON "Presale"("variantId");

-- CreateIndex
CREATE INDEX "Presale_coopId_idx" ON "Presale"("coopId");

-- CreateIndex
CREATE UNIQUE INDEX "PresaleOrder_firstOrderId_key" ON "PresaleOrder"("firstOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "PresaleOrder_balanceOrderId_key" ON "PresaleOrder"("balanceOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "PresaleOrder_parcelId_key" ON "PresaleOrder"("parcelId");

-- CreateIndex
CREATE INDEX "PresaleOrder_presaleId_idx" ON "PresaleOrder"("presaleId");

-- CreateIndex
CREATE INDEX "PresaleOrder_buyerId_idx" ON "PresaleOrder"("buyerId");

-- CreateIndex
CREATE INDEX "PresaleNotice_presaleId_createdAt_idx" ON "PresaleNotice"("presaleId", "createdAt");
