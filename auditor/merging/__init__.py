"""Team inspections offline: audit packages from each laptop, merged into the lead's inspection.

``package`` writes and opens packages, ``manifest`` says what one holds, ``merge`` merges them
(``cases``, ``gradings``, ``context`` do the parts), ``conflicts`` and ``outcome`` say what
happened. Import from those modules: this face imports nothing, so a desk of the inspection can
use ``conflicts`` without loading the merge (which opens inspections). See
resources/guide/packages.md for the package format and the merge rules.
"""
