-- Product.salesCount was a made-up counter in the demo data. From now on it is 累计售出: units in
-- paid orders less the units whose full price was refunded (app/models/catalog/units-sold.server.ts).
-- Recount it once from the order lines; SQLite's integer division truncates, like Math.floor here.
UPDATE "Product" SET "salesCount" = COALESCE((
    SELECT SUM(MAX(0, l."quantity" - CASE WHEN l."unitPriceFen" > 0 THEN l."refundedFen" / l."unitPriceFen" ELSE 0 END))
    FROM "OrderLine" l
    JOIN "Order" o ON o."id" = l."orderId"
    WHERE l."productId" = "Product"."id"
      AND o."status" IN ('PAID', 'SHIPPED', 'DELIVERED', 'PARTLY_REFUNDED', 'REFUNDED')
), 0);
