"""The main window's tabs, in order: the one place a tab is added. Each is built the first time it
is shown (the Dashboard at once), so tabs nobody opens cost nothing at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hsdesk.domain.attention import Area
from hsdesk.ui.context import AppContext
from hsdesk.ui.tab_page import TabPage


@dataclass(frozen=True, slots=True)
class Tab:
    area: Area
    title: str  # as the tab shows it, with its Alt+letter
    make: Callable[[AppContext], TabPage]
    at_start: bool = False  # built with the window rather than when first shown


def _dashboard(ctx: AppContext) -> TabPage:
    from hsdesk.ui.dashboard.tab import DashboardTab

    return DashboardTab(ctx)


def _content(ctx: AppContext) -> TabPage:
    from hsdesk.ui.content.tab import ContentTab

    return ContentTab(ctx, load=False)


def _people(ctx: AppContext) -> TabPage:
    from hsdesk.ui.people.tab import PeopleTab

    return PeopleTab(ctx, load=False)


def _photos(ctx: AppContext) -> TabPage:
    from hsdesk.ui.photos.tab import PhotosTab

    return PhotosTab(ctx, load=False)


def _policy(ctx: AppContext) -> TabPage:
    from hsdesk.ui.policy.tab import PolicyTab

    return PolicyTab(ctx, load=False)


def _inductions(ctx: AppContext) -> TabPage:
    from hsdesk.ui.inductions.tab import InductionTab

    return InductionTab(ctx, load=False)


def _reviews(ctx: AppContext) -> TabPage:
    from hsdesk.ui.reviews.tab import ReviewTab

    return ReviewTab(ctx, load=False)


def _registers(ctx: AppContext) -> TabPage:
    from hsdesk.ui.registers.tab import RegistersTab

    return RegistersTab(ctx, load=False)


# No Alt+letter on the tabs: the letters are the tabs' own buttons' and boxes'. Ctrl+1 to Ctrl+8
# (View menu), Ctrl+Tab and Ctrl+Page Down go from tab to tab.
TABS: tuple[Tab, ...] = (
    Tab(Area.DASHBOARD, "Dashboard", _dashboard, at_start=True),
    Tab(Area.CONTENT, "Content", _content),
    Tab(Area.PEOPLE, "People", _people),
    Tab(Area.PHOTOS, "Photos", _photos),
    Tab(Area.POLICY, "Policy", _policy),
    Tab(Area.INDUCTIONS, "Inductions", _inductions),
    Tab(Area.REVIEWS, "Reviews", _reviews),
    Tab(Area.REGISTERS, "Registers", _registers),
)
