"""The one build clock: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""

from __future__ import annotations

import datetime as dt
import os

from .errors import ConfigError


def build_time() -> dt.datetime:
    """The build moment in UTC. Raises ConfigError if SOURCE_DATE_EPOCH is not an integer.

    Source: https://reproducible-builds.org/specs/source-date-epoch/
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except ValueError:
        raise ConfigError(f"SOURCE_DATE_EPOCH is not a whole number of seconds: {epoch!r}",
                          fix="set it to seconds since 1970, e.g. $(git log -1 --format=%ct)") \
            from None
