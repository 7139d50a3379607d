"""Object storage for media."""
