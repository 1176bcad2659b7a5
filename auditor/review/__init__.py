"""Supervisors' review: the review desk, queue and question items, referrals back to the force."""
