"""The filters every page shares: which applications, and the date everything is measured to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from analysis.domain import DEFAULT_GHOST_AFTER_DAYS


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None  # applied on or after
    date_to: date | None = None  # applied on or before
    channels: tuple[str, ...] = ()
    role_families: tuple[str, ...] = ()
    as_of: date | None = None  # silence is measured to this date (default today)
    ghost_after_days: int = DEFAULT_GHOST_AFTER_DAYS
    # the temp table holding these filters' facts, worked out once for a block of analyses (facts.materialized_facts)
    facts_table: str | None = field(default=None, compare=False)

    @property
    def today(self) -> date:
        return self.as_of or date.today()

    def where(self) -> tuple[str, dict[str, object]]:
        """SQL condition over the facts (named parameters), always binding values."""
        parts: list[str] = ["true"]
        params: dict[str, object] = {}
        if self.date_from:
            parts.append("applied_on >= $date_from")
            params["date_from"] = self.date_from
        if self.date_to:
            parts.append("applied_on <= $date_to")
            params["date_to"] = self.date_to
        if self.channels:
            parts.append("list_contains($channels, coalesce(channel, 'Unknown'))")
            params["channels"] = list(self.channels)
        if self.role_families:
            parts.append("list_contains($role_families, coalesce(role_family, 'Unknown'))")
            params["role_families"] = list(self.role_families)
        return " and ".join(parts), params

    def is_filtered(self) -> bool:
        return bool(self.date_from or self.date_to or self.channels or self.role_families)


ALL = Filters()
