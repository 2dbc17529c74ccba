"""What the words of a statement in running text decide about its relations.

The relations themselves are the pack's (scopes ``share``, ``stated-*`` in
``rules/qd766.yaml``), bound to the statements' figures by :mod:`.bind`. Two readings
are the words', not arithmetic of the index: a rate cut off instead of rounded is left
to the truncation rule (a warning) and gets no relation, and a change "tăng 2,58%"
may be points or percent of the old figure.
"""

from __future__ import annotations

import math

from ..model.prose import RateChange, Share

__all__ = ["change_readings", "truncated_value"]


def truncated_value(share: Share) -> float | None:
    """The correctly rounded rate when the printed one is the exact value cut off at
    its precision (3.399/26.030 = 13,058…% printed 13,05%), else ``None``."""
    rate, part, whole = share.rate, share.part, share.whole
    if not (part.exact and whole.exact) or not whole.value or rate.value is None:
        return None
    exact = 100.0 * (part.value or 0.0) / whole.value
    d = rate.decimals
    rounded = round(exact, d)
    cut = math.floor(exact * 10**d + 1e-9) / 10**d
    if abs(rate.value - rounded) < 1e-9 or abs(rate.value - cut) > 1e-9:
        return None
    return rounded


def change_readings(ch: RateChange) -> tuple[bool, bool]:
    """Whether the change fits as points (new − old) and as percent of the old figure."""
    new, old, chg = ch.new.interval, ch.old.interval, ch.change.interval
    points = chg.overlaps(new - old)
    rel = (new - old).ratio(old)
    relative = rel is not None and chg.overlaps(rel.scale(100.0))
    return points, relative
