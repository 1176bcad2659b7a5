"""People in the window: the keys on this workstation, signing in to a signed inspection, and
File → People… (the roster)."""
