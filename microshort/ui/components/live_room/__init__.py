"""The live room overlay over the player."""
