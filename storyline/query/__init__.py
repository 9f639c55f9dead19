"""Read-side views over a knowledge base: entity profiles, and later search and timelines."""
