-- message: no foreign key from messages to conversations on H2. H2 backs a foreign key with an index on exactly its
-- columns (it will not use the unique (conversation_id, seq) index), so every message stored also wrote an entry in
-- an index on conversation_id alone: one more B-tree page per conversation changed by every commit, for an index no
-- query uses (docs/benchmarks.md, 2026-12-01 later). The writer stores a message only in the transaction that advanced
-- its conversation's row (and so found it), and conversations are never deleted, so the key held nothing the writer
-- does not. PostgreSQL and MariaDB keep it: they need no index of their own for it.
EXECUTE IMMEDIATE 'ALTER TABLE messages DROP CONSTRAINT ' || QUOTE_IDENT((
    SELECT k.constraint_name
    FROM information_schema.key_column_usage k
    JOIN information_schema.table_constraints c
        ON c.constraint_schema = k.constraint_schema AND c.constraint_name = k.constraint_name
    WHERE c.constraint_type = 'FOREIGN KEY'
        AND k.table_schema = CURRENT_SCHEMA AND k.table_name = 'MESSAGES' AND k.column_name = 'CONVERSATION_ID'));
