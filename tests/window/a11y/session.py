"""A desktop a screen reader can read: Xvfb, a private D-Bus session with the AT-SPI registry,
the real application on it, and a reader (``atspi_reader.py``) run by the system's Python."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
READER = HERE / "atspi_reader.py"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
#: The application's executable (the venv's console script beside this interpreter).
APP = Path(sys.executable).with_name("case-auditor")
ANSWER_S = 60  # the longest the reader may take to answer (finding the app, a tree)


def xvfb() -> str | None:
    return shutil.which("Xvfb") or (os.path.exists("/usr/bin/Xvfb") and "/usr/bin/Xvfb") or None


def bus_launcher() -> str | None:
    return next((p for p in BUS_LAUNCHERS if os.access(p, os.X_OK)), None)


def why_not() -> str:
    """Why AT-SPI cannot be run here ("" when it can)."""
    if not sys.platform.startswith("linux"):
        return "AT-SPI is the Linux accessibility interface"
    if xvfb() is None:
        return "no Xvfb (apt install xvfb)"
    if shutil.which("dbus-daemon") is None:
        return "no dbus-daemon (apt install dbus)"
    if bus_launcher() is None:
        return "no at-spi-bus-launcher (apt install at-spi2-core)"
    if shutil.which("xdotool") is None:
        return "no xdotool to press keys as a user does (apt install xdotool)"
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return f"no {SYSTEM_PYTHON} to run the AT-SPI reader"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return "no Atspi binding for the system Python (apt install gir1.2-atspi-2.0 python3-gi)"
    if not APP.exists():
        return f"the application is not installed in the venv ({APP})"
    return ""


class Desktop:
    """Xvfb, D-Bus, the AT-SPI bus, the application and the reader; stopped by ``close``."""

    def __init__(self, folder: Path, inspection: Path, user: tuple[str, str]) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.reader: subprocess.Popen | None = None
        self.env = self._clean_env()
        try:
            self._start_x()
            self._start_bus()
            self._start_app(inspection, user)
            self._start_reader()
        except BaseException:
            self.close()  # nothing left running when a part fails to start
            raise

    # --- starting ------------------------------------------------------------------------

    def _clean_env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("QT_", "DBUS_", "AT_SPI", "WAYLAND", "XDG_"))
            and k not in ("DISPLAY", "XAUTHORITY")
        }
        for name in ("config", "data", "home", "runtime"):
            (self.folder / name).mkdir(exist_ok=True)
        (self.folder / "runtime").chmod(0o700)
        env.update(
            HOME=str(self.folder / "home"),
            XDG_CONFIG_HOME=str(self.folder / "config"),
            XDG_DATA_HOME=str(self.folder / "data"),
            XDG_RUNTIME_DIR=str(self.folder / "runtime"),
            NO_AT_BRIDGE="0",
        )
        return env

    def _spawn(self, args: list[str], log: str, **kw) -> subprocess.Popen:
        out = open(self.folder / log, "wb")  # noqa: SIM115  (kept open while it runs)
        process = subprocess.Popen(
            args, env=self.env, stdout=kw.pop("stdout", out), stderr=out, **kw
        )
        self.processes.append(process)
        return process

    def _start_x(self) -> None:
        read, write = os.pipe()
        self._spawn(
            [xvfb(), "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            "xvfb.log",
            pass_fds=(write,),
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start: {self.log('xvfb.log')}")
        self.env["DISPLAY"] = f":{number}"

    def _start_bus(self) -> None:
        bus = self._spawn(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            "dbus.log",
            stdout=subprocess.PIPE,
        )
        address = bus.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError(f"dbus-daemon did not start: {self.log('dbus.log')}")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        self._spawn([bus_launcher(), "--launch-immediately"], "at-spi-bus.log")

    def _start_app(self, inspection: Path, user: tuple[str, str]) -> None:
        settings = self.folder / "config" / "CaseFileAuditor" / "workstation.conf"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(f"[user]\nname={user[0]}\nrole={user[1]}\n")
        self.env.update(
            QT_QPA_PLATFORM="xcb",
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        )
        self.app = self._spawn([str(APP), "--db", str(inspection)], "app.log")

    def _start_reader(self) -> None:
        self.reader = self._spawn(
            [SYSTEM_PYTHON, str(READER), str(self.app.pid), "40"],
            "reader.log",
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        first = self._line()
        if "ready" not in first:
            raise RuntimeError(f"the reader found no application: {first} {self.logs()}")

    # --- reading -------------------------------------------------------------------------

    def _line(self) -> dict:
        assert self.reader is not None and self.reader.stdout is not None
        ready, _, _ = select.select([self.reader.stdout], [], [], ANSWER_S)
        if not ready:
            raise RuntimeError(f"the AT-SPI reader gave no answer in {ANSWER_S} s: {self.logs()}")
        line = self.reader.stdout.readline()
        if not line:
            raise RuntimeError(f"the AT-SPI reader stopped: {self.logs()}")
        return json.loads(line)

    def ask(self, command: str, **args) -> object:
        assert self.reader is not None and self.reader.stdin is not None
        self.reader.stdin.write((json.dumps({"cmd": command, **args}) + "\n").encode())
        self.reader.stdin.flush()
        reply = self._line()
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["answer"]

    def tree(self) -> dict:
        return self.ask("tree")  # type: ignore[return-value]

    def focus_window(self, timeout: float = 20.0) -> None:
        """Give the application's window the keyboard, as a window manager does on showing it
        (Xvfb runs none)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = subprocess.run(
                [
                    "xdotool",
                    "search",
                    "--onlyvisible",
                    "--pid",
                    str(self.app.pid),
                    "--name",
                    "Auditor",
                ],
                env=self.env,
                capture_output=True,
                text=True,
            ).stdout.split()
            if found:
                subprocess.run(["xdotool", "windowfocus", "--sync", found[0]], env=self.env)
                return
            time.sleep(0.2)
        raise RuntimeError(f"the application's window never showed: {self.logs()}")

    def keys(self, *keys: str) -> None:
        """Press keys (xdotool's names: "ctrl+Next", "2") through XTest, as a keyboard does."""
        for key in keys:
            subprocess.run(["xdotool", "key", "--delay", "60", key], env=self.env, check=True)

    def events(self, settle: float = 0.5) -> list[dict]:
        return self.ask("events", settle=settle)  # type: ignore[return-value]

    def log(self, name: str) -> str:
        path = self.folder / name
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def logs(self) -> str:
        return " | ".join(
            f"{name}: {self.log(name)}" for name in ("app.log", "reader.log", "at-spi-bus.log")
        )

    # --- stopping ------------------------------------------------------------------------

    def close(self) -> None:
        if self.reader is not None and self.reader.poll() is None:
            with contextlib.suppress(RuntimeError, OSError, ValueError):
                self.ask("quit")
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
