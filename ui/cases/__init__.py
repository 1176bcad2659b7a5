"""The case list (model and filters) and the case file view."""
