"""The launcher of the multi-worker mode: its HAProxy configuration, its shared cookie secret, its arguments."""

import stat

import pytest

from ui import workers


def test_the_proxy_configuration_names_every_worker_with_its_affinity_cookie_and_health_check(tmp_path):
    pool = [workers.Worker("w1", 41001), workers.Worker("w2", 41002)]
    config = workers.haproxy_config("127.0.0.1", 8501, pool, tmp_path / "haproxy.sock")
    assert "bind 127.0.0.1:8501" in config
    assert "    server w1 127.0.0.1:41001 cookie w1\n" in config
    assert "    server w2 127.0.0.1:41002 cookie w2" in config
    assert "cookie WSIS_WORKER insert indirect nocache" in config
    assert "option httpchk GET /_stcore/health" in config
    assert "timeout tunnel 1h" in config
    assert "retry-on conn-failure empty-response" in config


def test_the_cookie_secret_is_generated_once_private_and_then_reused(tmp_path, monkeypatch):
    monkeypatch.delenv(workers.SECRET_VARIABLE, raising=False)
    first = workers.cookie_secret(tmp_path)
    assert len(first) == 64
    assert stat.S_IMODE((tmp_path / "cookie_secret").stat().st_mode) == 0o600
    assert workers.cookie_secret(tmp_path) == first


def test_the_cookie_secret_from_the_environment_wins_and_no_file_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv(workers.SECRET_VARIABLE, "shared-by-every-machine")
    assert workers.cookie_secret(tmp_path) == "shared-by-every-machine"
    assert not (tmp_path / "cookie_secret").exists()


def test_every_worker_is_a_make_run_server_on_its_own_loopback_port():
    command = workers.worker_command(41001)
    assert command[1:3] == ["-m", "ui.server"]
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "41001"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--workers", "0"], "--workers 0: expected a number of workers from 1 to 64"),
        (["--workers", "two"], "argument --workers: invalid int value: 'two'"),
        (["--port", "70000"], "--port 70000: expected a TCP port from 1 to 65535"),
        (["--recycle-after", "3"], "--recycle-after 3: expected 0 (never) or seconds from 10 to 86400"),
        (["--recycle-after", "nan"], "--recycle-after nan: expected 0 (never) or seconds from 10 to 86400"),
        (["--recycle-margin", "-0.5"], "--recycle-margin -0.5: expected a share from 0 to 10"),
        (["--recycle-margin", "inf"], "--recycle-margin inf: expected a share from 0 to 10"),
    ],
)
def test_a_bad_argument_exits_with_status_2_and_names_the_argument(arguments, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as stopped:
        workers.main([*arguments, "--run-dir", str(tmp_path)])
    assert stopped.value.code == 2
    assert f"error: {message}" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
