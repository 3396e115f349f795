"""Dagster wiring only: assets, checks, sensor, schedule, resources. Logic lives in etl/ and warehouse/."""
