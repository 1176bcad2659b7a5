"""The Excel workbook: the published tables, cases and chronology, referrals and audit trail."""
