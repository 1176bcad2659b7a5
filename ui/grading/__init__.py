"""The grading panel: criterion boxes, grade buttons, the overall grade and the referral."""
