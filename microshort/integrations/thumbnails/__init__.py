"""Artwork for covers and episode poster frames."""
