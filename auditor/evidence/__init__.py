"""Evidence: citations behind grades, the documents' full-text index, and risk words."""
