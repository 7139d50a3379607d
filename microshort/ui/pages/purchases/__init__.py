"""My purchases."""
