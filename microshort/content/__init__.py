"""Content domain."""
