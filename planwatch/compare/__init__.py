"""Two versions of a plan side by side: which item of the new one is which of the old (`match`),
and what changed between them (`diff`). Pure: model objects in, model-like results out."""
