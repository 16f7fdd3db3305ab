"""Stage 2: a Document becomes a plan. Pure functions over document lines."""
