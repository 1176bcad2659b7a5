"""The File menu's work on files: import, packages and merging, backups and restore, the file
check, passphrases."""
