"""The grade codes and a custody case's criteria, as the tests write them."""

from __future__ import annotations

GOOD, RI, INADEQUATE, NA = "good", "requires_improvement", "inadequate", "not_applicable"
# The criteria of a custody case in the bundled framework, read off it by hand.
CUSTODY_CRITERIA = (
    "voice_of_child",
    "supervision",
    "merlin_timeliness",
    "csc_referral",
    "risk_to_other_children",
    "custody_appropriate_adult",
    "custody_reviews_and_certificate",
    "custody_healthcare",
    "custody_transfer_after_charge",
)
