"""Use cases: plain functions that take a unit of work (and a clock) and apply domain rules."""
