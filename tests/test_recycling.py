"""When the multi-worker launcher starts a worker afresh: the proxy's counts read right, and a worker is due only
once someone came, nobody has been connected for the time set, and it holds more memory than after its start."""

from ui import workers
from ui.recycling import RoomOfWorker, ServerState, server_states

# `show stat` of HAProxy 2.6 in front of two workers, as the launcher's proxy answers it (columns cut after status).
SHOW_STAT = """# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight
dashboard,FRONTEND,,,3,9,4096,57,0,0,0,0,0,,,,,OPEN,
workers,w1,0,0,2,5,,31,0,0,,0,,0,0,0,0,UP,1
workers,w2,0,0,1,4,,26,0,0,,0,,0,0,0,0,MAINT,1
workers,BACKEND,0,0,3,9,410,57,0,0,0,0,,0,0,0,0,UP,2

"""
MIB = 2**20
EMPTY_S, MARGIN = 90.0, 0.05


def test_the_proxy_counts_of_each_worker_are_read_from_show_stat():
    assert server_states(SHOW_STAT) == {
        "w1": ServerState(current=2, total=31, status="UP"),
        "w2": ServerState(current=1, total=26, status="MAINT"),
    }
    assert server_states(SHOW_STAT)["w1"].up and not server_states(SHOW_STAT)["w2"].up


def test_a_worker_nobody_ever_visited_is_never_due():
    room = RoomOfWorker(baseline_bytes=300 * MIB, total_at_start=0)
    assert not any(room.due(ServerState(0, 0, "UP"), 900 * MIB, now, EMPTY_S, MARGIN) for now in range(0, 1000, 5))


def test_a_worker_is_due_once_its_room_has_been_empty_for_the_time_set_and_it_holds_more_than_at_start():
    room = RoomOfWorker(baseline_bytes=300 * MIB, total_at_start=0)
    assert not room.due(ServerState(4, 12, "UP"), 340 * MIB, 0, EMPTY_S, MARGIN)  # a room is open
    assert not room.due(ServerState(0, 12, "UP"), 340 * MIB, 10, EMPTY_S, MARGIN)  # it has just emptied
    assert not room.due(ServerState(0, 12, "UP"), 340 * MIB, 99, EMPTY_S, MARGIN)
    assert room.due(ServerState(0, 12, "UP"), 340 * MIB, 100, EMPTY_S, MARGIN)


def test_a_visit_between_two_looks_starts_the_empty_time_again():
    room = RoomOfWorker(baseline_bytes=300 * MIB, total_at_start=0)
    room.due(ServerState(0, 12, "UP"), 340 * MIB, 0, EMPTY_S, MARGIN)
    # Nobody is connected at the next looks, but two connections were made and closed in between.
    assert not room.due(ServerState(0, 14, "UP"), 340 * MIB, 80, EMPTY_S, MARGIN)
    assert not room.due(ServerState(0, 14, "UP"), 340 * MIB, 165, EMPTY_S, MARGIN)
    assert room.due(ServerState(0, 14, "UP"), 340 * MIB, 170, EMPTY_S, MARGIN)


def test_a_worker_back_near_its_start_up_memory_is_left_alone():
    room = RoomOfWorker(baseline_bytes=300 * MIB, total_at_start=0)
    room.due(ServerState(0, 12, "UP"), 314 * MIB, 0, EMPTY_S, MARGIN)
    assert not room.due(ServerState(0, 12, "UP"), 314 * MIB, 500, EMPTY_S, MARGIN)  # +4.7 %: within the margin
    assert room.due(ServerState(0, 12, "UP"), 316 * MIB, 505, EMPTY_S, MARGIN)


def test_the_proxy_configuration_opens_the_runtime_socket_to_the_launcher_only(tmp_path):
    config = workers.haproxy_config("127.0.0.1", 8501, [workers.Worker("w1", 41001)], tmp_path / "haproxy.sock")
    assert f"stats socket {tmp_path / 'haproxy.sock'} mode 600 level admin" in config
