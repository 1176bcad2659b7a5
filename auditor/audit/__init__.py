"""The audit log: reading it (log), writing it (trail), the @reads/@writes markers, rebuilding."""
