"""The security tests' fixtures: no passphrase source left set, an encrypted demo file."""

from tests.support.security import encrypted_path, no_passphrase_source

__all__ = ["encrypted_path", "no_passphrase_source"]
