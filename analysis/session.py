"""One analysis of one database under one set of filters: each fact worked out once and handed to whatever needs it.

`Analysis(con, filters).run(fn, **kwargs)` calls `fn(con, filters=..., **kwargs)` and remembers the answer for the
object's lifetime. A function that needs a shared fact says so by a parameter's name (`decisions`, `flags`,
`scores`, see FACTS): the Analysis works that fact out once (through `run`, so it is remembered too) and passes it
on. Nothing is hidden in a global: the page holds the object, and a new connection or new filters is a new object.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from typing import Any

from analysis.filters import Filters
from analysis.fit import Criteria, fit_scores, red_flags
from analysis.rejections import rejection_reasons

# A runner executes one call: runner(fn, con, kwargs, given) -> fn(con, **kwargs, **given). `given` holds the shared
# facts this Analysis worked out; they follow from the other arguments, so a caching runner need not hash them.
Runner = Callable[[Callable[..., Any], Any, dict[str, Any], dict[str, Any]], Any]


@dataclasses.dataclass(frozen=True)
class Fact:
    """A fact several analyses share: the function that works it out, and the arguments of the asking call it
    depends on (e.g. the red flags depend on the criteria the caller passed)."""

    fn: Callable[..., Any]
    depends_on: tuple[str, ...] = ()


FACTS: dict[str, Fact] = {
    "decisions": Fact(rejection_reasons),  # the rejection reasons, one row per ended application
    "flags": Fact(red_flags, ("criteria",)),  # the red flags against the person's criteria
    "scores": Fact(fit_scores, ("criteria",)),  # the fit score per application (takes `flags` in turn)
}


def call(fn: Callable[..., Any], con: Any, kwargs: dict[str, Any], given: dict[str, Any]) -> Any:
    """The plain runner: call the function, nothing remembered beyond the Analysis itself."""
    return fn(con, **kwargs, **given)


def _frozen(value: Any) -> Any:
    """A hashable stand-in for an argument (criteria hold lists), for the memo's key."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__qualname__, _frozen(dataclasses.astuple(value))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    hash(value)  # anything else must be hashable already: better a TypeError here than a wrong answer later
    return value


def _default(params: Mapping[str, inspect.Parameter], name: str) -> Any:
    param = params.get(name)
    return None if param is None or param.default is inspect.Parameter.empty else param.default


class Analysis:
    """This connection under these filters. `run` each analysis function; read the shared facts as `decisions`,
    `flags(criteria)` and `scores(criteria)`."""

    def __init__(self, con: Any, filters: Filters, runner: Runner = call) -> None:
        self.con = con
        self.filters = filters
        self._runner = runner
        self._memo: dict[tuple, Any] = {}

    def run(self, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """fn(con, filters=this filters, **kwargs, plus any shared fact it names), worked out once per set of
        arguments. The filters and the facts are this object's to supply: passing them is an error."""
        params = inspect.signature(fn).parameters
        taken = [name for name in ("filters", *FACTS) if name in kwargs]
        if taken:
            raise TypeError(f"{fn.__name__}: the Analysis supplies {', '.join(taken)}; do not pass them")
        if "filters" in params:
            kwargs["filters"] = self.filters
        key = (fn.__module__, fn.__qualname__, _frozen(kwargs))
        if key not in self._memo:
            given = {name: self._fact(name, params, kwargs) for name in FACTS if name in params}
            self._memo[key] = self._runner(fn, self.con, kwargs, given)
        return self._memo[key]

    def _fact(self, name: str, params: Mapping[str, inspect.Parameter], kwargs: dict[str, Any]) -> Any:
        """The shared fact `name`, for a call whose arguments are `kwargs` (its defaults filling the rest)."""
        fact = FACTS[name]
        return self.run(fact.fn, **{dep: kwargs.get(dep, _default(params, dep)) for dep in fact.depends_on})

    @property
    def decisions(self) -> Any:
        """The rejection reasons (rejections.rejection_reasons): one row per application that ended."""
        return self._fact("decisions", {}, {})

    def flags(self, criteria: Criteria | None = None) -> Any:
        """The red flags against these criteria (fit.red_flags; None: the saved criteria)."""
        return self._fact("flags", {}, {"criteria": criteria})

    def scores(self, criteria: Criteria | None = None) -> Any:
        """The fit score per application (fit.fit_scores), from the same flags as `flags(criteria)`."""
        return self._fact("scores", {}, {"criteria": criteria})
