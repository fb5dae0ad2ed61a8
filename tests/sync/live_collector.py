"""A real collector (uvicorn) on 127.0.0.1 in a background thread, for HTTP tests."""

from __future__ import annotations

import random
import socket
import threading
import time
from pathlib import Path


class LiveCollector:
    def __init__(self, db_path: Path, seed: int = 3) -> None:
        import uvicorn

        from tutor.collector.api import create_app
        from tutor.collector.database import make_engine
        from tutor.collector.store import CollectorStore

        self.store = CollectorStore(
            make_engine(f"sqlite:///{db_path}"),
            lambda: int(time.time() * 1000),
            random.Random(seed),
        )
        self.store.migrate()
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.store), log_level="warning", timeout_keep_alive=30, lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveCollector:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("collector did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(10)
        self._sock.close()
