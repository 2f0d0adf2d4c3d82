"""One participant's connection: their app process, and the keys and sizes relayed to it.

textual-serve's `AppService` runs the app process (always the server's one fixed command) and
writes its screen to the websocket; `relay` passes the browser's keys and window size to it
and ignores anything else a browser might send.
"""

from __future__ import annotations

import json

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager


class _Service(AppService):
    """textual-serve's app process, with a few more environment variables of its own."""

    def __init__(self, *args, env: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.extra_env = env

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.extra_env}


async def serve_participant(websocket: web.WebSocketResponse, command: str, download_manager: DownloadManager,
                            width: int, height: int, *, env: dict[str, str] | None = None) -> None:
    """Start one app process for a prepared websocket, relay until the browser leaves, stop the process.

    `env` is added to the process's environment (the browser's claim token)."""
    service = _Service(
        command,
        write_bytes=websocket.send_bytes,
        write_str=websocket.send_str,
        close=websocket.close,
        download_manager=download_manager,
        debug=False,
        env=env or {},
    )
    try:
        await service.start(width, height)
        await relay(websocket, service)
    finally:
        await service.stop()


async def relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """Pass keys and sizes from the browser to the app; anything else is ignored."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            break
        if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
            break
        kind = envelope[0]
        data = envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(bounded(data.get("width"), 80, 20, 500),
                                            bounded(data.get("height"), 24, 8, 300))
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def bounded(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))
