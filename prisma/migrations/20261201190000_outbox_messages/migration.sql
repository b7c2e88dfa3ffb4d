-- One outbox for e-mail and SMS, with the columns the sender needs to claim, retry and record a
-- delivery (decision 0009). Rows queued before this migration become e-mails still to be sent.
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "template" TEXT,
    "params" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimToken" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "providerId" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO "OutboxMessage" ("id", "channel", "kind", "to", "subject", "text", "status", "nextAttemptAt", "sentAt", "createdAt")
SELECT "id", 'EMAIL', 'general', "to", "subject", "body", CASE WHEN "sentAt" IS NULL THEN 'PENDING' ELSE 'SENT' END, "createdAt", "sentAt", "createdAt"
FROM "OutboxEmail";

DROP TABLE "OutboxEmail";

CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");
CREATE INDEX "OutboxMessage_to_idx" ON "OutboxMessage"("to");

CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "sms" BOOLEAN NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

ALTER TABLE "GiftCode" ADD COLUMN "recipientName" TEXT;
ALTER TABLE "GiftCode" ADD COLUMN "mobile" TEXT;
