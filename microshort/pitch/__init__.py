"""Pitch domain."""
