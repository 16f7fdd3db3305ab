"""Report writers over the same dicts the JSON export uses."""
