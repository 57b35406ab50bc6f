"""The tunable rules of the learning loop, bundled: XP, streaks and hearts.

>>> from learncore.domain.xp import XpPolicy
>>> RewardPolicies(xp=XpPolicy(daily_cap=500)).xp.daily_cap
500
"""

from __future__ import annotations

import attrs

from learncore.domain.hearts import HeartsPolicy
from learncore.domain.streaks import StreakPolicy
from learncore.domain.xp import XpPolicy

__all__ = ["RewardPolicies"]


@attrs.frozen
class RewardPolicies:
    """The policies an app passes to ``bootstrap(policies=...)``; every part has defaults."""

    xp: XpPolicy = attrs.field(factory=XpPolicy, validator=attrs.validators.instance_of(XpPolicy))
    streak: StreakPolicy = attrs.field(
        factory=StreakPolicy, validator=attrs.validators.instance_of(StreakPolicy)
    )
    hearts: HeartsPolicy = attrs.field(
        factory=HeartsPolicy, validator=attrs.validators.instance_of(HeartsPolicy)
    )
