"""Feedback on results: scrubbing comments, and `flask feedback` (the editors' report, the purge)."""
