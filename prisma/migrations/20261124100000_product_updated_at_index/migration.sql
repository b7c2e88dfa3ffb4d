-- The catalogue caches read max(Product.updatedAt) once a second to notice edits.
CREATE INDEX "Product_updatedAt_idx" ON "Product"("updatedAt");
