"""Review -> Moderation: the sample, agreement, reconciling disagreements and conflicts."""
