"""The quarterly checklist hsdesk starts with: per channel, the policy duties it checks, the
question, guidance for the reviewer, and which items hsdesk fills in itself.

``DEFAULT_TEMPLATE`` is the checklist as the migration that made the template table seeded it in
2018's clause numbers (kept unchanged: that migration still uses it, and revision 0009 turns its
numbers into duties). Today's checklist, citing duties, is ``current_template()``: seeded again when
the demo replaces everything."""

from __future__ import annotations

from hsdesk.domain.duties import D

# (asked per channel, clauses as seeded by revision 0006, question, guidance, automatic check)
DEFAULT_TEMPLATE: list[tuple[bool, str, str, str, str | None]] = [
    (
        True,
        "1.1, 1.5",
        "Content is appropriate: confidential, respectful, and good for the scheme's reputation",
        "Read the posts and pages published this quarter and the comments on them. Nothing "
        "should breach the confidentiality or equal opportunities policies.",
        None,
    ),
    (
        True,
        "1.5",
        "Content is up to date",
        "Events, dates, opening times, contact details and staff names are current; "
        "out-of-date posts are corrected or taken down.",
        None,
    ),
    (
        True,
        "1.3",
        "Privacy settings match what the trustees agreed",
        "Compare the channel's privacy settings with the agreed settings shown beside this item.",
        "privacy",
    ),
    (
        True,
        "1.6",
        "The Home-Start name and logo are used correctly",
        "The site is identified by the scheme's name and logo, as the Home-Start corporate "
        "identity guidelines require.",
        None,
    ),
    (
        True,
        "1.4",
        "Every photo published this quarter had the consent of everyone pictured",
        "Filled in by hsdesk from the content and photo consent records.",
        "photo_consent",
    ),
    (
        True,
        "1.7",
        "Complaints raised on the site were answered privately and followed the complaints "
        "procedure",
        "Look for complaints in posts, comments and messages, and check each had a private reply.",
        None,
    ),
    (
        True,
        "1.1",
        "Nothing identifies a family the scheme supports",
        "No names, faces, places or details from which a supported family could be recognised.",
        None,
    ),
    (
        False,
        "2.8, 3.5",
        "Staff and volunteers' personal pages do not use the Home-Start logo",
        "Look at the personal pages you know of; supporter badges approved by Home-Start UK "
        "are allowed.",
        None,
    ),
    (
        False,
        "2.9, 3.7",
        "New trustees, staff and volunteers received the policy at induction and acknowledged it",
        "Filled in by hsdesk from the induction records.",
        "inductions",
    ),
]

# Since revision 0007 the complaints item lists the quarter's complaints from the register.
COMPLAINTS_ITEM = DEFAULT_TEMPLATE[5][2]
LATER_AUTO = {COMPLAINTS_ITEM: "complaints"}


# The duties each default question checks, by its wording.
DUTIES: dict[str, tuple[str, ...]] = {
    DEFAULT_TEMPLATE[0][2]: (D.ONLINE_PRESENCE, D.QUARTERLY_CHECKS),
    DEFAULT_TEMPLATE[1][2]: (D.QUARTERLY_CHECKS,),
    DEFAULT_TEMPLATE[2][2]: (D.PRIVACY_SETTINGS,),
    DEFAULT_TEMPLATE[3][2]: (D.IDENTITY,),
    DEFAULT_TEMPLATE[4][2]: (D.PHOTO_CONSENT,),
    DEFAULT_TEMPLATE[5][2]: (D.COMPLAINTS,),
    DEFAULT_TEMPLATE[6][2]: (D.ONLINE_PRESENCE,),
    DEFAULT_TEMPLATE[7][2]: (D.STAFF_LOGO, D.VOLUNTEER_LOGO),
    DEFAULT_TEMPLATE[8][2]: (D.STAFF_INDUCTION, D.VOLUNTEER_INDUCTION),
}


def current_template() -> list[tuple[bool, tuple[str, ...], str, str, str | None]]:
    """The default checklist citing duties, with the automatic checks added by later revisions."""
    return [
        (per_channel, DUTIES[text], text, guidance, auto or LATER_AUTO.get(text))
        for per_channel, _clauses, text, guidance, auto in DEFAULT_TEMPLATE
    ]
