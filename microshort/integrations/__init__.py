"""Integrations domain."""
