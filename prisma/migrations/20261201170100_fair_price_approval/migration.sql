-- Fair prices: the highest price staff approved for a variant priced more than 30% above its 市场参考价.
ALTER TABLE "Variant" ADD COLUMN "approvedPriceFen" INTEGER;
