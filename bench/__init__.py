"""Benchmarks: a scale corpus with known answers (`generate`) and the measuring script (`run`)."""
