"""Team inspections offline: audit packages from each laptop, merged into the lead's inspection.

See resources/guide/packages.md for the package format and the merge rules.
"""

from __future__ import annotations

from auditor.merging.conflicts import find_conflicts
from auditor.merging.manifest import PACKAGE_SUFFIX, Manifest, PackageError
from auditor.merging.merge import merge_package, merge_packages
from auditor.merging.outcome import ADDED, UNCHANGED, UPDATED, Conflict, MergeSummary
from auditor.merging.package import Package, open_package, write_package

__all__ = [
    "ADDED",
    "PACKAGE_SUFFIX",
    "UNCHANGED",
    "UPDATED",
    "Conflict",
    "Manifest",
    "MergeSummary",
    "Package",
    "PackageError",
    "find_conflicts",
    "merge_package",
    "merge_packages",
    "open_package",
    "write_package",
]
