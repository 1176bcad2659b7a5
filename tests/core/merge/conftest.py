"""The merge tests" fixtures (in tests/support/merge.py, shared by core and window)."""

from tests.support.merge import laptop_a, laptop_b, lead, merge_base

__all__ = ["laptop_a", "laptop_b", "lead", "merge_base"]
