-- Accounts (issue 15 item 10): a phone number is a login, so it is unique; the terms agreed to at
-- sign-up are recorded; 忘记密码 links are stored by their hash.

-- Numbers typed before normalising: the same rule as app/lib/phone.ts for the common shapes.
UPDATE "User" SET "phone" = REPLACE(REPLACE("phone", ' ', ''), '-', '') WHERE "phone" IS NOT NULL;
UPDATE "User" SET "phone" = SUBSTR("phone", 4) WHERE "phone" LIKE '+861__________';
UPDATE "User" SET "phone" = SUBSTR("phone", 3) WHERE "phone" LIKE '861__________' AND LENGTH("phone") = 13;
UPDATE "User" SET "phone" = NULL WHERE "phone" = '';
-- A number two accounts share stays with the older account; the other must enter it again.
UPDATE "User" SET "phone" = NULL
WHERE "phone" IS NOT NULL
  AND "id" NOT IN (SELECT "id" FROM "User" u WHERE u."phone" IS NOT NULL AND u."createdAt" = (SELECT MIN(v."createdAt") FROM "User" v WHERE v."phone" = u."phone"));

ALTER TABLE "User" ADD COLUMN "termsVersion" TEXT;
ALTER TABLE "User" ADD COLUMN "termsAcceptedAt" DATETIME;

CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");
CREATE INDEX "PasswordReset_expiresAt_idx" ON "PasswordReset"("expiresAt");
