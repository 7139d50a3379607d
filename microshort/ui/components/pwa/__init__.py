"""The installable app: install entry, Save for offline, the saved list."""
