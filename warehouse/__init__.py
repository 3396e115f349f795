"""Everything DuckDB: schema, loading, checks, publishing, and the `fazhi` CLI."""
