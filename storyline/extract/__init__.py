"""Extraction: events, quotes, relations and numeric claims found in one analysed document."""
