-- The retention and outbox-sweep statements of the hub on a big PostgreSQL database, with their plans (docs/retention.md).
-- Run with psql on a database the hub created (start a hub once on an empty database), e.g.
--   psql "host=127.0.0.1 port=55432 user=commercebus dbname=cb_explain" -f scripts/retention-explain.sql
-- It fills the tables (10 million journal entries over 58 days; a million orders, sagas and inbox entries over 180 days),
-- then EXPLAINs each statement exactly as EF Core sends it, once with a backlog (the first batch of a hub that keeps
-- 30/90 days) and once caught up (nothing older than the cutoff). DELETEs run inside a rolled-back transaction.
-- With -v seeded=1 it keeps the rows of an earlier run and only EXPLAINs.
\set ON_ERROR_STOP on
\timing on

\if :{?seeded}
\else
TRUNCATE journal, inbox, order_lines, orders, order_sagas, failed_messages, outbox_messages RESTART IDENTITY;

INSERT INTO journal ("MessageId", "CorrelationId", "SourceAdapter", "MessageType", "Direction", "OrderNumber", "TrackingId",
                     "Destination", "Outcome", "ReceivedAt", "CompletedAt", "DurationMs")
SELECT gen_random_uuid(), md5(i::text), 'rest', 'PlaceOrder.v1', 'Inbound', 'A' || (i / 8), NULL, 'payments', 'Accepted',
       now() - (10000000 - i) * interval '500 ms', now() - (10000000 - i) * interval '500 ms', 1.5
FROM generate_series(1, 10000000) AS i;

INSERT INTO inbox ("MessageId", "MessageType", "OrderNumber", "AcceptedAt")
SELECT gen_random_uuid(), 'PlaceOrder.v1', 'A' || i, now() - (1000000 - i) * interval '15552 ms'
FROM generate_series(1, 1000000) AS i;

-- Sagas: most Completed; every 100th Failed with a refund never confirmed (owes a compensation, kept); every 1000th
-- still waiting (never deleted). Orders share the tracking ids; one line each.
INSERT INTO order_sagas ("CorrelationId", "Version", "CurrentState", "OrderNumber", "OrderJson", "StockReserved", "PaymentId",
                         "StockReleased", "PaymentRefunded", "BookingCancelled", "CancelRequested", "CreatedAt", "UpdatedAt")
SELECT md5('saga' || i)::uuid, 5,
       CASE WHEN i % 1000 = 0 THEN 'CapturingPayment' WHEN i % 100 = 0 THEN 'Failed' ELSE 'Completed' END,
       'S' || i, '{}', true, 'P' || i, i % 100 <> 0, false, false, false,
       now() - (1000000 - i) * interval '15552 ms', now() - (1000000 - i) * interval '15552 ms' + interval '2 s'
FROM generate_series(1, 1000000) AS i;

INSERT INTO orders ("OrderNumber", "TrackingId", "CustomerId", "Currency", "Region", "ShipToName", "ShipToStreet", "ShipToCity",
                    "ShipToPostalCode", "ShipToCountry", "Total", "Status", "SourceAdapter", "CorrelationId", "CreatedAt",
                    "UpdatedAt", "CommandJson")
SELECT 'S' || i, md5('saga' || i)::uuid, 'C-1', 'EUR', 'EU', 'N', 'S', 'C', '12345', 'DE', 10,
       CASE WHEN i % 1000 = 0 THEN 'StockReserved' WHEN i % 100 = 0 THEN 'Failed' ELSE 'Completed' END, 'rest', md5('saga' || i),
       now() - (1000000 - i) * interval '15552 ms', now() - (1000000 - i) * interval '15552 ms' + interval '2 s', '{}'
FROM generate_series(1, 1000000) AS i;

INSERT INTO order_lines ("OrderNumber", "LineNumber", "Sku", "Quantity", "UnitPrice")
SELECT 'S' || i, 1, 'SKU-1', 1, 10 FROM generate_series(1, 1000000) AS i;

-- Failed messages: every 10th still Failed (kept for ever), the rest resolved over the last 60 days.
INSERT INTO failed_messages ("MessageId", "MessageType", "Reason", "Attempts", "FailedAt", "Status", "ResolvedAt", "ResolvedBy", "Kind")
SELECT gen_random_uuid(), 'CapturePayment.v1', 'HttpRequestException: refused', 6, now() - (100000 - i) * interval '51840 ms',
       CASE WHEN i % 10 = 0 THEN 'Failed' ELSE 'Retried' END,
       CASE WHEN i % 10 = 0 THEN NULL ELSE now() - (100000 - i) * interval '51840 ms' END, 'ops', 'Delivery'
FROM generate_series(1, 100000) AS i;

-- The outbox: on a healthy hub nearly empty (rows are deleted once sent); 20 rows just committed.
INSERT INTO outbox_messages ("MessageId", "SagaId", "MessageType", "Body", "Headers", "CreatedAt", "Position")
SELECT gen_random_uuid(), gen_random_uuid(), 'CapturePayment', '{}', '{}', now() - i * interval '100 ms', 0
FROM generate_series(1, 20) AS i;

VACUUM ANALYZE journal, inbox, order_lines, orders, order_sagas, failed_messages, outbox_messages;
\endif
SELECT relname, n_live_tup FROM pg_stat_user_tables ORDER BY relname;

-- ===== journal, backlog (about 4.8 million entries older than 30 days): the batch's keys through the ReceivedAt index...
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT j."Id"
FROM journal AS j
WHERE j."ReceivedAt" < now() - interval '30 days'
ORDER BY j."ReceivedAt"
LIMIT 1000;
SELECT array_agg(k)::text AS ids FROM (SELECT j."Id" AS k
FROM journal AS j
WHERE j."ReceivedAt" < now() - interval '30 days'
ORDER BY j."ReceivedAt"
LIMIT 1000) AS batch \gset
-- ...then the rows by key
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM journal AS j WHERE j."Id" = ANY (:'ids'::bigint[]);
ROLLBACK;

-- ===== journal, caught up: nothing older than the cutoff, one index probe
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT j."Id"
FROM journal AS j
WHERE j."ReceivedAt" < now() - interval '60 days'
ORDER BY j."ReceivedAt"
LIMIT 1000;

-- ===== inbox, backlog (older than 90 days): the batch's keys through the AcceptedAt index...
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT i."MessageId"
FROM inbox AS i
WHERE i."AcceptedAt" < now() - interval '90 days'
ORDER BY i."AcceptedAt"
LIMIT 1000;
SELECT array_agg(k)::text AS ids FROM (SELECT i."MessageId" AS k
FROM inbox AS i
WHERE i."AcceptedAt" < now() - interval '90 days'
ORDER BY i."AcceptedAt"
LIMIT 1000) AS batch \gset
-- ...then the rows by key
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM inbox AS i WHERE i."MessageId" = ANY (:'ids'::uuid[]);
ROLLBACK;

-- ===== inbox, caught up: nothing older than the cutoff, one index probe
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT i."MessageId"
FROM inbox AS i
WHERE i."AcceptedAt" < now() - interval '200 days'
ORDER BY i."AcceptedAt"
LIMIT 1000;

-- ===== order_sagas: a batch of ended sagas older than 90 days, owing nothing (the Failed ones owe a refund and stay)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT o."CorrelationId"
FROM order_sagas AS o
WHERE o."CreatedAt" < now() - interval '90 days' AND o."UpdatedAt" < now() - interval '90 days'
  AND o."CurrentState" IN ('Completed', 'Failed', 'Cancelled')
  AND (o."CurrentState" = 'Completed' OR ((NOT (o."StockReserved") OR o."StockReleased") AND (o."PaymentId" IS NULL OR o."PaymentRefunded") AND (o."BookingId" IS NULL OR o."BookingCancelled")))
ORDER BY o."CreatedAt"
LIMIT 1000;

-- ...then their orders (lines by cascade) and the sagas, by the ids the batch found (a parameter in the hub)
SELECT array_agg(id)::text AS ids FROM (
    SELECT o."CorrelationId" AS id FROM order_sagas AS o
    WHERE o."CreatedAt" < now() - interval '90 days' AND o."UpdatedAt" < now() - interval '90 days'
      AND o."CurrentState" IN ('Completed', 'Failed', 'Cancelled')
      AND (o."CurrentState" = 'Completed' OR ((NOT (o."StockReserved") OR o."StockReleased") AND (o."PaymentId" IS NULL OR o."PaymentRefunded") AND (o."BookingId" IS NULL OR o."BookingCancelled")))
    ORDER BY o."CreatedAt" LIMIT 1000) AS batch \gset
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM orders AS o
WHERE o."TrackingId" = ANY (:'ids'::uuid[]) AND o."Status" IN ('Completed', 'Failed', 'Cancelled');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM order_sagas AS o
WHERE o."CorrelationId" = ANY (:'ids'::uuid[]) AND o."UpdatedAt" < now() - interval '90 days';
ROLLBACK;

-- ===== order_sagas, caught up: what stays older than the cutoff is only what is owed or unfinished (5500 rows here)
BEGIN;
DELETE FROM order_sagas WHERE "CreatedAt" < now() - interval '90 days' AND "CurrentState" = 'Completed';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT o."CorrelationId"
FROM order_sagas AS o
WHERE o."CreatedAt" < now() - interval '90 days' AND o."UpdatedAt" < now() - interval '90 days'
  AND o."CurrentState" IN ('Completed', 'Failed', 'Cancelled')
  AND (o."CurrentState" = 'Completed' OR ((NOT (o."StockReserved") OR o."StockReleased") AND (o."PaymentId" IS NULL OR o."PaymentRefunded") AND (o."BookingId" IS NULL OR o."BookingCancelled")))
ORDER BY o."CreatedAt"
LIMIT 1000;
ROLLBACK;

-- ===== failed_messages, backlog (resolved before 30 days ago; every 10th still Failed and kept): the batch's keys through the ResolvedAt index...
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f."Id"
FROM failed_messages AS f
WHERE f."ResolvedAt" < now() - interval '30 days'
  AND f."Status" <> 'Failed'
ORDER BY f."ResolvedAt"
LIMIT 1000;
SELECT array_agg(k)::text AS ids FROM (SELECT f."Id" AS k
FROM failed_messages AS f
WHERE f."ResolvedAt" < now() - interval '30 days'
  AND f."Status" <> 'Failed'
ORDER BY f."ResolvedAt"
LIMIT 1000) AS batch \gset
-- ...then the rows by key
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM failed_messages AS f WHERE f."Id" = ANY (:'ids'::bigint[]) AND f."Status" <> 'Failed';
ROLLBACK;

-- ===== failed_messages, caught up: nothing older than the cutoff, one index probe
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT f."Id"
FROM failed_messages AS f
WHERE f."ResolvedAt" < now() - interval '90 days'
  AND f."Status" <> 'Failed'
ORDER BY f."ResolvedAt"
LIMIT 1000;

-- ===== the outbox sweep (every 10 s): rows committed at least 10 s ago; a healthy hub's table is nearly empty
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT o."MessageId", o."Body", o."ConversationId", o."CorrelationId", o."CreatedAt", o."Headers", o."InitiatorId", o."MessageType", o."Position", o."SagaId"
FROM outbox_messages AS o
WHERE o."CreatedAt" < now() - interval '10 s'
ORDER BY o."CreatedAt", o."SagaId", o."Position"
LIMIT 200 OFFSET 0;

-- ===== the outbox sweep with a backlog: 200000 unsent rows (the broker away for a long time)
BEGIN;
INSERT INTO outbox_messages ("MessageId", "SagaId", "MessageType", "Body", "Headers", "CreatedAt", "Position")
SELECT gen_random_uuid(), gen_random_uuid(), 'CapturePayment', '{}', '{}', now() - i * interval '10 ms', 0
FROM generate_series(1, 200000) AS i;
ANALYZE outbox_messages;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT o."MessageId", o."Body", o."ConversationId", o."CorrelationId", o."CreatedAt", o."Headers", o."InitiatorId", o."MessageType", o."Position", o."SagaId"
FROM outbox_messages AS o
WHERE o."CreatedAt" < now() - interval '10 s'
ORDER BY o."CreatedAt", o."SagaId", o."Position"
LIMIT 200 OFFSET 0;
ROLLBACK;
