-- PostgreSQL with pgvector (vector similarity search): the image of --postgres-flavor pgvector ships the extension; this migration enables it.
CREATE EXTENSION IF NOT EXISTS vector;
