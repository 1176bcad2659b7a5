"""The people tests' fixtures: the key passphrase in the environment, nobody signed in."""

from tests.support.signed import key_passphrase

__all__ = ["key_passphrase"]
