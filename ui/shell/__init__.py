"""The shell: starting the app, the main window that wires the feature views together, help,
shortcuts, who is signed in."""
