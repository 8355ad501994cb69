-- message: full-text search over message bodies with PostgreSQL's text search ('simple': no stemming, any language)
CREATE INDEX messages_body_search ON messages USING GIN (to_tsvector('simple', body));
