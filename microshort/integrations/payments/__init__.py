"""Payments providers: the local test-mode checkout and Stripe."""
