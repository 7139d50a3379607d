"""Checkout pages (test-mode checkout and the return page)."""
