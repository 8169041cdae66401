"""The GitHub Actions workflows do what the README promises: build, test, publish, check links."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*2\. Run every test\*\*.*?```bash\n(.+?)\n```", readme, flags=re.DOTALL)
    assert match, "README.md has no '2. Run every test' command block"
    return match.group(1).strip()


def test_deploy_builds_strictly_tests_and_publishes_from_main_only() -> None:
    flow = _load("deploy.yml")
    on = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert on["push"]["branches"] == ["main"]
    build = flow["jobs"]["build"]
    runs = _runs(build)
    assert "pip install -r requirements.txt" in runs
    assert "apt-get install -y chromium" in runs
    assert "jupyter-book build . -n -W --keep-going" in runs
    assert _readme_test_command() in runs, "the workflow must run the README's test command"
    assert all("set -eo pipefail" in s["run"] for s in build["steps"] if "run" in s), "a failing step must fail"
    uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert "refs/heads/main" in upload["if"] and upload["with"]["path"] == "_build/html"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"


def test_link_check_is_scheduled_and_never_fails_the_build() -> None:
    flow = _load("linkcheck.yml")
    on = flow.get("on", flow.get(True))
    assert on["schedule"] and "push" not in on and "pull_request" not in on
    job = flow["jobs"]["linkcheck"]
    check = next(s for s in job["steps"] if "--builder linkcheck" in s.get("run", ""))
    assert check.get("continue-on-error") is True
