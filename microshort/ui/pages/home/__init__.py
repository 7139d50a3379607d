"""UI pages home."""
