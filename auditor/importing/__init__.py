"""Importing case samples, earlier gradings, chronologies and documents: all or nothing."""
