-- CreateTable
CREATE TABLE "ImpactDaily" (
    "day" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "partnerCityId" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "hallId" TEXT NOT NULL,
    "buyerType" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL,

    PRIMARY KEY ("day", "level", "partnerCityId", "prefectureId", "countyId", "coopId", "hallId", "buyerType", "organizationId", "categoryId")
);

-- CreateTable
CREATE TABLE "ImpactHouseholdDaily" (
    "day" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "partnerCityId" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "hallId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,

    PRIMARY KEY ("day", "householdId", "coopId", "countyId", "hallId", "organizationId", "categoryId")
);

-- CreateTable
CREATE TABLE "ImpactMonthly" (
    "month" TEXT NOT NULL,
    "hallId" TEXT NOT NULL,
    "partnerCityId" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "month", "coopId", "countyId")
);

-- CreateTable
CREATE TABLE "ImpactReachMonthly" (
    "month" TEXT NOT NULL,
    "hallId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "coopId" TEXT NOT NULL,
    "partnerCityId" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,

    PRIMARY KEY ("hallId", "month", "householdId", "coopId", "countyId")
);

-- CreateTable
CREATE TABLE "ImpactCoopTotal" (
    "coopId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "partnerCityId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,

    PRIMARY KEY ("coopId", "countyId")
);

-- CreateTable
CREATE TABLE "ImpactHouseholdTotal" (
    "householdId" TEXT NOT NULL PRIMARY KEY,
    "people" INTEGER NOT NULL,
    "countyId" TEXT NOT NULL,
    "prefectureId" TEXT NOT NULL,
    "partnerCityId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "ImpactDaily_level_day_idx" ON "ImpactDaily"("level", "day");

-- CreateIndex
CREATE INDEX "ImpactHouseholdDaily_householdId_idx" ON "ImpactHouseholdDaily"("householdId");

