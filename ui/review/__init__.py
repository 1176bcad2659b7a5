"""Review: the queue, questions for me, quality assurance, referrals, history and the audit log."""
