"""The criteria framework: what an inspection grades, and the words it uses, from TOML.

``model`` holds what a framework defines; ``loading`` reads a file (format 1 or 2) into it.
"""

from __future__ import annotations

from auditor.framework.loading import (
    BUNDLED_FRAMEWORK,
    BUNDLED_NAMES,
    FrameworkError,
    bundled_framework,
    bundled_frameworks,
    bundled_name,
    load_framework,
    parse_framework,
    short_name,
)
from auditor.framework.model import (
    ALL_TYPES,
    SUGGESTION_RULES,
    Attribute,
    CaseType,
    Condition,
    Criterion,
    Domain,
    EventType,
    Framework,
    Grade,
    Measure,
    ReferralReason,
    ShareRule,
    Words,
)

__all__ = [
    "ALL_TYPES",
    "BUNDLED_FRAMEWORK",
    "BUNDLED_NAMES",
    "SUGGESTION_RULES",
    "Attribute",
    "CaseType",
    "Condition",
    "Criterion",
    "Domain",
    "EventType",
    "Framework",
    "FrameworkError",
    "Grade",
    "Measure",
    "ReferralReason",
    "ShareRule",
    "Words",
    "bundled_framework",
    "bundled_frameworks",
    "bundled_name",
    "load_framework",
    "parse_framework",
    "short_name",
]
