"""Ai domain."""
