"""The demo data set (and the large office for benchmarks), built through the services."""
