"""`lotse web` starts, serves the page and refuses a malformed embedding origin."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import free_port

LOTSE = str(Path(sys.executable).parent / "lotse")


def test_a_malformed_embed_origin_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "LOTSE_DATA_DIR": str(tmp_path), "LOTSE_WEB_EMBED_ORIGINS": "evil.com/x"}
    done = subprocess.run([LOTSE, "web"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 2
    assert done.stderr.startswith("lotse: error: LOTSE_WEB_EMBED_ORIGINS")


def test_lotse_web_serves_the_chat(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "LOTSE_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [LOTSE, "web", "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        assert line.startswith(f"Lotse web chat on http://127.0.0.1:{port}/chat")
        deadline = time.monotonic() + 600  # a hang guard only
        while time.monotonic() < deadline:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/chat?net=gummersbach", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert page.status_code == 200 and 'data-network="gummersbach"' in page.text
        answer = httpx.post(
            f"http://127.0.0.1:{port}/api/turn",
            json={"command": "start net_gummersbach"},
            headers={"X-Lotse-Session": "a" * 43, "Accept-Language": "tr"},
            timeout=60,
        )
        assert answer.json()["language"] == "tr"
    finally:
        server.terminate()
        server.wait(60)
