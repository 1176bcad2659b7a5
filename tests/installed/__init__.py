"""Checks run against the installed wheel (scripts/check-installed), not the checkout."""
