"""Python-object sync targets for the sync-property tests (``object = "module:factory"``)."""

from __future__ import annotations

import asyncio
from typing import Any


class Hanging:
    """A system under test that never answers a delivery."""

    def reset(self) -> None:
        pass

    async def deliver(self, event: Any) -> int:
        await asyncio.Event().wait()  # nobody sets it: the harness deadline must end this
        return 200

    def state(self) -> dict[str, Any]:
        return {"review": [], "records": {}}


def hanging() -> Hanging:
    return Hanging()
