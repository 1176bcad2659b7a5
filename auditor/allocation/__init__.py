"""Allocation of cases to inspectors (``desk``), the balanced plan (``rules``), and the
take-over of a case another inspector graded (``take_over``). Imports nothing here."""
