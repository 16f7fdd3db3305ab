"""Stage 5: shape stored plans for people and programs (JSON, Excel, terminal tables)."""
