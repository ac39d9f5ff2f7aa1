"""Developer scripts (setup, tests, manual, gallery); importable for the helpers they share."""
