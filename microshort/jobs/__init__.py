"""Jobs domain."""
