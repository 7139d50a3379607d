"""Creator application and studio pages."""
