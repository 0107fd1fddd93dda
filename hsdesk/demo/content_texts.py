"""The demo's channels, posts and sign-off remarks, as the office would have written them."""

from __future__ import annotations

from hsdesk.domain.content import Platform

SITE = "https://www.home-start-ost.org.uk"


# (name, platform, url, in use, [(settings, days ago agreed, minute)])
CHANNELS = [
    (
        "Website",
        Platform.WEBSITE,
        SITE,
        True,
        [
            (
                "News pages public. No comments on posts. Contact form goes to the office "
                "inbox only. Photos published without names of children.",
                1500,
                "TM 2022/14",
            ),
        ],
    ),
    (
        "Facebook page",
        Platform.FACEBOOK,
        "https://www.facebook.com/HomeStartOST",
        True,
        [
            (
                "Page public; visitors may comment; messages on. Profanity filter on.",
                1500,
                "TM 2022/14",
            ),
            (
                "Page public; visitors may comment but not post; tagging of the page off; "
                "messages on and answered within one working day; profanity filter strong.",
                400,
                "TM 2025/09",
            ),
        ],
    ),
    (
        "Instagram",
        Platform.INSTAGRAM,
        "https://www.instagram.com/homestartost",
        True,
        [
            (
                "Public account; comments limited to followers; tags need approval; "
                "hidden words filter on; no location on posts.",
                700,
                "TM 2024/03",
            ),
        ],
    ),
    (
        "X",
        Platform.X,
        "https://x.com/HomeStartOST",
        True,
        [
            (
                "Public posts; replies limited to accounts we follow; photo tagging off; "
                "direct messages closed.",
                1500,
                "TM 2022/14",
            ),
        ],
    ),
    (
        "LinkedIn",
        Platform.LINKEDIN,
        "https://www.linkedin.com/company/home-start-ost",
        True,
        [("Company page public; comments on; only staff admins may post.", 700, "TM 2024/03")],
    ),
    (
        "YouTube",
        Platform.YOUTUBE,
        "https://www.youtube.com/@homestartost",
        False,
        [("Videos unlisted; comments off.", 1500, "TM 2022/14")],
    ),
]


POSTS = [
    (
        "Volunteers needed in Tameside",
        "Could you give two hours a week to support a family "
        "with young children? Our next volunteer preparation course starts soon. Call the office "
        "or message us to find out more.",
    ),
    (
        "Thank you, fun runners!",
        "A huge thank you to everyone who ran, walked and cheered at "
        "the fun run. You raised over £2,400 for families across Oldham, Stockport and Tameside.",
    ),
    (
        "Family day out at Dunham Massey",
        "Forty families joined us for a day in the deer park. "
        "Thank you to the National Trust for the free tickets and to our volunteers for the picnic.",
    ),
    (
        "Christmas party",
        "Santa found his way to our Christmas party again! Thank you to every "
        "volunteer who wrapped presents and served mince pies.",
    ),
    (
        "Volunteer awards evening",
        "Congratulations to all our volunteers recognised at the "
        "awards evening. Together you gave more than 6,000 hours of support this year.",
    ),
    (
        "Summer picnic in Stamford Park",
        "Sunshine, bubbles and a lot of sandwiches. Thank you to "
        "everyone who came to the summer picnic.",
    ),
    (
        "Toddler group is back",
        "Our toddler group is back on Tuesday mornings, 9:30 to 11:30. "
        "Free, friendly, and the kettle is always on.",
    ),
    (
        "Trustees wanted",
        "We are looking for two new trustees with finance or HR experience. "
        "Could you help steer a local charity? Find out more on our website.",
    ),
    (
        "Preparation course dates",
        "The spring volunteer preparation course runs on Thursday "
        "mornings for eight weeks. Crèche available.",
    ),
    (
        "Thank you to our funders",
        "Thank you to the local community foundation for funding our "
        "work in Stockport for another three years.",
    ),
    (
        "Half-term activity ideas",
        "Ten free things to do with little ones over half term, chosen by our volunteers.",
    ),
    (
        "Winter warmth packs",
        "Our volunteers delivered 120 winter warmth packs to families this "
        "month. Thank you to everyone who donated blankets and hats.",
    ),
    ("Meet the team", "Say hello to the office team who match families with volunteers."),
    ("Coffee morning", "Join us for a coffee morning at the office. Cake provided!"),
    ("Annual report", "Our annual report is out: 212 families supported, 96 volunteers."),
    ("Volunteers' week", "It's Volunteers' Week! Thank you to every volunteer for your time."),
    (
        "Baby bank appeal",
        "We are collecting clean baby clothes up to 12 months. Drop-off at the office on weekdays.",
    ),
    ("Bake sale", "Our bake sale raised £380. Thank you, bakers!"),
    (
        "New office opening hours",
        "From next month the office is open Monday to Thursday, 9 until 4.",
    ),
    ("Sponsored walk", "Join our sponsored walk along the canal in May."),
]


CHANGES = [
    "Please take out the family's street name, and check the date of the coffee morning.",
    "The logo is stretched in the image; use the version from the brand pack.",
    "Good, but say the crèche must be booked in advance.",
]


REJECTIONS = [
    "We do not post fundraising totals before the trustees have seen them.",
    "This names a volunteer's employer without asking her; not suitable.",
]
