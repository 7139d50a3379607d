"""Local stand-ins that speak vendors' wire formats (DESIGN.md §5)."""
