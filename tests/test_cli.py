"""The command line as users run it: through the installed entry point."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("corpus-mining") or str(Path(sys.executable).parent / "corpus-mining")
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_every_command_has_an_example_in_its_help():
    import typer.main
    from typer.testing import CliRunner

    from corpus_mining.cli import app

    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"ingest", "extract"} <= set(commands)
    # each help through the typer app in this process (an interpreter start per command
    # costs more than the check); the installed entry point once, here and below
    for command in commands:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout, command
    installed = _cli(commands[0], "--help", cwd=ROOT)
    assert installed.returncode == 0 and "Example:" in installed.stdout


def test_ingest_prints_metrics_and_bad_params_give_one_line(tmp_path):
    (tmp_path / "corpus" / "documents").mkdir(parents=True)
    (tmp_path / "corpus" / "documents" / "a.txt").write_text(
        "Les clusters et les pôles de compétitivité structurent les territoires.", encoding="utf-8"
    )
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    ok = _cli("ingest", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["files_ok"] == 1
    params["ingest"]["workers"] = -1
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    bad = _cli("ingest", cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.strip().count("\n") == 0 and "ingest.workers" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_entry_point_keeps_each_exit_status_and_flushes_output(tmp_path):
    usage = _cli("ingest", "--no-such-option", cwd=tmp_path)  # click's usage error
    assert usage.returncode == 2 and "no-such-option" in usage.stderr
    module = subprocess.run(
        [sys.executable, "-m", "corpus_mining", "ingest", "--help"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert module.returncode == 0 and "Example:" in module.stdout


def test_exit_status_is_what_sys_exit_would_give(capsys):
    from corpus_mining.cli import _exit_status

    assert [_exit_status(None), _exit_status(0), _exit_status(3)] == [0, 0, 3]
    assert _exit_status("stopped: bad input") == 1
    assert capsys.readouterr().err == "stopped: bad input\n"
