-- PostgreSQL with TimescaleDB (time-series hypertables): the image of --postgres-flavor timescaledb ships the extension; this migration enables it.
CREATE EXTENSION IF NOT EXISTS timescaledb;
