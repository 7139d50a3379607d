"""UI state."""
