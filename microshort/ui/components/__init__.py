"""UI components."""
