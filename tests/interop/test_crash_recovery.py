"""Acknowledged admin writes survive `kill -9` of the control plane."""
import signal
import threading

from conftest import ControlPlane


def test_acknowledged_writes_survive_kill_9(data_dir):
    cp = ControlPlane(data_dir).start()
    apigw = cp.client()
    acknowledged = []
    stop = threading.Event()

    def writer():
        index = 0
        while not stop.is_set() and index < 2000:
            try:
                key = apigw.create_api_key(name=f"key-{index}", enabled=True)
            except Exception:
                return  # the process died mid-request: that write was never acknowledged
            acknowledged.append((key["id"], key["value"]))
            index += 1

    thread = threading.Thread(target=writer)
    thread.start()
    while len(acknowledged) < 40 and thread.is_alive():
        thread.join(timeout=0.05)
    cp.kill(signal.SIGKILL)
    stop.set()
    thread.join(timeout=30)
    assert len(acknowledged) >= 40

    restarted = ControlPlane(data_dir).start()
    try:
        stored = {}
        position = None
        client = restarted.client()
        while True:
            kwargs = {"includeValues": True, "limit": 500}
            if position:
                kwargs["position"] = position
            page = client.get_api_keys(**kwargs)
            stored.update({k["id"]: k["value"] for k in page["items"]})
            position = page.get("position")
            if not position:
                break
        missing = [key_id for key_id, _ in acknowledged if key_id not in stored]
        assert missing == []
        assert all(stored[key_id] == value for key_id, value in acknowledged)
    finally:
        restarted.kill(signal.SIGTERM)
