"""The creator studio: series editor."""
