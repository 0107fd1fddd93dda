"""Pure rules and records: no database, no Qt."""
