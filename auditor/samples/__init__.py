"""Invented inspections: the demo (from resources/demo) and seeded synthetic ones."""
