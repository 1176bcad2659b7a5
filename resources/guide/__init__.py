"""The user guide and the pages it links to, shown under Help → User guide."""
