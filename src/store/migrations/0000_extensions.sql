-- Trigram similarity (text search and fuzzy lookups), phonetic codes, accent folding and
-- case-insensitive text. All four are trusted extensions on PostgreSQL 13+ and ship with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS citext;
