"""UI pages browse: genre and creator pages."""
