"""The planner settings the registers' set-based fills run under, for their statements only (then
put back by :func:`.bulk_staging.planner_settings`). ``work_mem`` is the caller's (the set-based rebuild
sets it for each fill).

A fill's statements are few, large and run once: compiling them just in time (``jit``) costs more
than it saves (about 0.8 s of the incoming register's 2 s over 390,000 staged events). And with the
planner's guess of how many documents share a number (none, in a sound log), it sorted half a
million registrations for a merge join where a hash of the few clashing numbers does (2.7 s of 16 s
over 2.75 million staged events).
"""

from __future__ import annotations

from collections.abc import Mapping

SETTINGS: Mapping[str, str] = {"jit": "off", "enable_mergejoin": "off"}
