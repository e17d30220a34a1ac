CREATE TABLE "failed_messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_failed_messages" PRIMARY KEY AUTOINCREMENT,
    "MessageId" TEXT NOT NULL,
    "CorrelationId" TEXT NULL,
    "MessageType" TEXT NOT NULL,
    "Endpoint" TEXT NULL,
    "Route" TEXT NULL,
    "OrderNumber" TEXT NULL,
    "TrackingId" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "ExceptionType" TEXT NULL,
    "ExceptionMessage" TEXT NULL,
    "StackTrace" TEXT NULL,
    "Body" TEXT NULL,
    "Headers" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "AttemptHistory" TEXT NULL,
    "FailedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    "ReplayOf" INTEGER NULL
);


CREATE TABLE "inbox" (
    "MessageId" TEXT NOT NULL CONSTRAINT "PK_inbox" PRIMARY KEY,
    "MessageType" TEXT NOT NULL,
    "OrderNumber" TEXT NULL,
    "TrackingId" TEXT NULL,
    "AcceptedAt" TEXT NOT NULL
);


CREATE TABLE "journal" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_journal" PRIMARY KEY AUTOINCREMENT,
    "MessageId" TEXT NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "CausationId" TEXT NULL,
    "SourceAdapter" TEXT NOT NULL,
    "MessageType" TEXT NOT NULL,
    "Direction" TEXT NOT NULL,
    "OrderNumber" TEXT NULL,
    "TrackingId" TEXT NULL,
    "Route" TEXT NULL,
    "Destination" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Detail" TEXT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "CompletedAt" TEXT NOT NULL,
    "DurationMs" REAL NOT NULL
);


CREATE TABLE "order_sagas" (
    "CorrelationId" TEXT NOT NULL CONSTRAINT "PK_order_sagas" PRIMARY KEY,
    "Version" INTEGER NOT NULL,
    "CurrentState" TEXT NOT NULL,
    "OrderNumber" TEXT NOT NULL,
    "OrderJson" TEXT NOT NULL,
    "WaitingFor" TEXT NULL,
    "StepDeadline" TEXT NULL,
    "StepTimeoutTokenId" TEXT NULL,
    "StockReserved" INTEGER NOT NULL,
    "PaymentId" TEXT NULL,
    "BookingId" TEXT NULL,
    "ShipmentTrackingNumber" TEXT NULL,
    "StockReleased" INTEGER NOT NULL,
    "PaymentRefunded" INTEGER NOT NULL,
    "BookingCancelled" INTEGER NOT NULL,
    "CancelRequested" INTEGER NOT NULL,
    "CancelReason" TEXT NULL,
    "Reason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "orders" (
    "OrderNumber" TEXT NOT NULL CONSTRAINT "PK_orders" PRIMARY KEY,
    "TrackingId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Region" TEXT NOT NULL,
    "ShipToName" TEXT NOT NULL,
    "ShipToStreet" TEXT NOT NULL,
    "ShipToCity" TEXT NOT NULL,
    "ShipToPostalCode" TEXT NOT NULL,
    "ShipToCountry" TEXT NOT NULL,
    "Total" REAL NOT NULL,
    "Status" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "ShipmentTrackingNumber" TEXT NULL,
    "CancelRequestedAt" TEXT NULL,
    "CancelReason" TEXT NULL,
    "SourceAdapter" TEXT NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "CommandJson" TEXT NOT NULL
);


CREATE TABLE "outbox_messages" (
    "MessageId" TEXT NOT NULL CONSTRAINT "PK_outbox_messages" PRIMARY KEY,
    "SagaId" TEXT NOT NULL,
    "CorrelationId" TEXT NULL,
    "ConversationId" TEXT NULL,
    "InitiatorId" TEXT NULL,
    "MessageType" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Headers" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Position" INTEGER NOT NULL
);


CREATE TABLE "order_lines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_order_lines" PRIMARY KEY AUTOINCREMENT,
    "OrderNumber" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Sku" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPrice" REAL NOT NULL,
    CONSTRAINT "FK_order_lines_orders_OrderNumber" FOREIGN KEY ("OrderNumber") REFERENCES "orders" ("OrderNumber") ON DELETE CASCADE
);


CREATE INDEX "IX_failed_messages_CorrelationId" ON "failed_messages" ("CorrelationId");


CREATE INDEX "IX_failed_messages_FailedAt" ON "failed_messages" ("FailedAt");


CREATE INDEX "IX_failed_messages_Status_Endpoint_ExceptionType" ON "failed_messages" ("Status", "Endpoint", "ExceptionType");


CREATE INDEX "IX_journal_CorrelationId" ON "journal" ("CorrelationId");


CREATE INDEX "IX_journal_MessageId" ON "journal" ("MessageId");


CREATE INDEX "IX_journal_OrderNumber" ON "journal" ("OrderNumber");


CREATE INDEX "IX_journal_ReceivedAt" ON "journal" ("ReceivedAt");


CREATE INDEX "IX_order_lines_OrderNumber" ON "order_lines" ("OrderNumber");


CREATE INDEX "IX_order_sagas_CurrentState" ON "order_sagas" ("CurrentState");


CREATE INDEX "IX_order_sagas_OrderNumber" ON "order_sagas" ("OrderNumber");


CREATE INDEX "IX_orders_Status" ON "orders" ("Status");


CREATE UNIQUE INDEX "IX_orders_TrackingId" ON "orders" ("TrackingId");


CREATE INDEX "IX_outbox_messages_CreatedAt" ON "outbox_messages" ("CreatedAt");


