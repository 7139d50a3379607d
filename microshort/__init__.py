"""MicroShort: vertical micro-dramas, made by independent creators."""
