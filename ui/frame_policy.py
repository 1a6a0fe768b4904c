"""Which sites may show the dashboard in a frame: a `Content-Security-Policy: frame-ancestors …` header on every
response, one policy for the embed URLs (`/embed`) and another for the rest of the app.

Configured by two environment variables read when the server starts, each a space-separated list of CSP sources:
`WSIS_EMBED_FRAME_ANCESTORS` (default `*`: any site may embed a chart) and `WSIS_FRAME_ANCESTORS` (default
`'self'`: the full dashboard is framed by nobody else). A value that is not a list of CSP sources stops the
server with one `error: …` line, before it opens, rather than sending a header browsers would ignore.
"""

import os
import re
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

EMBED_ANCESTORS_VARIABLE = "WSIS_EMBED_FRAME_ANCESTORS"
APP_ANCESTORS_VARIABLE = "WSIS_FRAME_ANCESTORS"
DEFAULT_EMBED_ANCESTORS = "*"
DEFAULT_APP_ANCESTORS = "'self'"
# A CSP source expression as frame-ancestors takes it: a keyword, a scheme, or a host with optional scheme, port
# and path; no quote, semicolon or comma can slip another directive into the header.
_SOURCE = re.compile(
    r"\*|'self'|'none'|[a-z][a-z0-9+.-]*:"
    r"|(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:[0-9]{1,5}|\*))?(?:/[a-z0-9._~%!$&()*+=@/-]*)?",
    re.IGNORECASE | re.ASCII,
)
MAX_SOURCES = 64

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class FramePolicyError(ValueError):
    """Raised for a frame-ancestors setting that is not a list of CSP sources; names the variable and the value."""


def frame_ancestors(variable: str, value: str) -> str:
    """Return a checked frame-ancestors source list, or raise FramePolicyError naming the variable and value."""
    sources = value.split()
    bad = [source for source in sources if not _SOURCE.fullmatch(source)]
    if not sources or bad or len(sources) > MAX_SOURCES:
        shown = bad[0] if bad else value
        raise FramePolicyError(
            f"{variable}={shown[:80]!r}: expected up to {MAX_SOURCES} space-separated CSP sources such as "
            "* 'self' 'none' https: https://example.org https://*.example.org"
        )
    return " ".join(sources)


@dataclass(frozen=True)
class FramePolicy:
    """The frame-ancestors of the embed URLs and of the rest of the app."""

    embed: str = DEFAULT_EMBED_ANCESTORS
    app: str = DEFAULT_APP_ANCESTORS


def policy_from_environment(environment: Mapping[str, str] = os.environ) -> FramePolicy:
    """Return the frame policy the environment sets, defaults where it sets none; raise FramePolicyError."""
    return FramePolicy(
        embed=frame_ancestors(
            EMBED_ANCESTORS_VARIABLE, environment.get(EMBED_ANCESTORS_VARIABLE, DEFAULT_EMBED_ANCESTORS)
        ),
        app=frame_ancestors(APP_ANCESTORS_VARIABLE, environment.get(APP_ANCESTORS_VARIABLE, DEFAULT_APP_ANCESTORS)),
    )


class FrameAncestorsMiddleware:
    """ASGI middleware: adds the frame-ancestors header of the request's path to every HTTP response."""

    def __init__(self, app: App, policy: FramePolicy, embed_path: str = "/embed"):
        self.app = app
        self.embed = f"frame-ancestors {policy.embed}".encode("ascii")
        self.rest = f"frame-ancestors {policy.app}".encode("ascii")
        self.embed_path = embed_path.rstrip("/")

    def header_for(self, path: str) -> bytes:
        """Return the Content-Security-Policy value for a request path."""
        return self.embed if path.rstrip("/") == self.embed_path else self.rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        value = self.header_for(scope.get("path", ""))

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-security-policy", value)]
            await send(message)

        await self.app(scope, receive, send_with_policy)
