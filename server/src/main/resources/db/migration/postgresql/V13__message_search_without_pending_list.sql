-- message: the search index is updated by each insert itself (fastupdate off) instead of through GIN's pending list,
-- which the insert that finds it full merges into the index while the commit of every send behind it waits.
ALTER INDEX messages_body_search SET (fastupdate = off);
