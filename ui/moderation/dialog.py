"""The Moderation window: sample, agreement and kappa, disagreements and conflicts, the force."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout

from auditor.people import is_supervisor
from ui.common.a11y import describe
from ui.common.framework_words import POLICE, capitalised, in_words
from ui.common.widgets import banner, size_within_screen
from ui.common.workspace import Workspace
from ui.moderation.concurrent import ConcurrentTab
from ui.moderation.reconcile import AgreementTab, DisagreementsTab, ForceTab
from ui.moderation.sample import SampleTab

LEAD_ONLY = (
    "Moderation is run by the lead. You are signed in as {name}, an {role}: you can read the "
    "sample and the figures, but only a supervisor can draw the sample, assign second graders "
    "or record an agreed grade. A case you grade second stays blind to you (its first grading "
    "hidden) until your grading of it is complete."
)


class ModerationDialog(QDialog):
    """The sample, agreement, disagreements and conflicts, and the force's audit, in tabs."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.desk = workspace.inspection.moderation
        user = workspace.user
        self.is_lead = is_supervisor(user)
        self.setWindowTitle("Moderation")
        words = workspace.inspection.framework.words
        describe(
            self,
            "Moderation",
            in_words(
                "Blind second grading of a sample, agreement between graders, agreed grades, and "
                "the comparison with the force's own audit",
                words,
            ),
        )
        self.sample = SampleTab(workspace, self.desk, self.is_lead)
        self.agreement = AgreementTab(workspace, self.desk)
        self.disagreements = DisagreementsTab(workspace, self.desk, self.is_lead)
        self.concurrent = ConcurrentTab(workspace, self.desk, self.is_lead)
        self.force = ForceTab(workspace, self.desk)
        self.tabs = QTabWidget()
        describe(
            self.tabs,
            "Moderation sections",
            in_words("Sample, agreement, disagreements, changes made in two places, force", words),
        )
        self.tabs.addTab(self.sample, "&Sample")
        self.tabs.addTab(self.agreement, "A&greement")
        self.tabs.addTab(self.disagreements, "&Disagreements and conflicts")
        self.tabs.addTab(self.concurrent, "Changed in &two places")
        own = (
            "&Force's audit"
            if words == POLICE
            else f"{capitalised(words.inspected_body)}'s &own audit"
        )
        self.tabs.addTab(self.force, own)
        self.tabs.currentChanged.connect(lambda _index: self.tabs.currentWidget().reload())
        layout = QVBoxLayout(self)
        self.banner = None
        if not self.is_lead:
            self.banner = banner(LEAD_ONLY.format(name=user.name, role=user.role), "Lead only")
            layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        size_within_screen(self, 1100, 640)

    def reload(self) -> None:
        """Read everything again (after grading elsewhere, a merge or an import)."""
        for tab in (self.sample, self.agreement, self.disagreements, self.concurrent, self.force):
            tab.reload()
