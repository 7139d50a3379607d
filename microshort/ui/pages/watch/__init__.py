"""The watch page: the 9:16 player."""
