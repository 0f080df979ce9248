-- PostgreSQL with PostGIS (geospatial types and indexes): the image of --postgres-flavor postgis ships the extension; this migration enables it.
CREATE EXTENSION IF NOT EXISTS postgis;
