"""Fictional people's keys for the signed demo (passphrase: demo passphrase)."""
