"""Text is shortened at a word, never in the middle of one, and counts read as people say them."""

from __future__ import annotations

from hsdesk.domain.wording import counted, shortened


def test_a_long_caption_is_cut_at_a_word_and_ends_in_an_ellipsis():
    caption = "Toddler group — waving goodbye at the end of the summer term"
    short = shortened(caption, 32)
    assert short == "Toddler group — waving goodbye…"
    assert len(short) <= 32 and caption.startswith(short[:-1])


def test_short_text_is_kept_whole_and_one_long_word_is_cut():
    assert shortened("Coffee morning", 32) == "Coffee morning"
    assert shortened("  Coffee\nmorning ", 32) == "Coffee morning"
    assert shortened("Supercalifragilisticexpialidocious", 10) == "Supercali…"


def test_counts_read_as_people_say_them():
    assert counted(1, "item") == "1 item"
    assert counted(3, "item") == "3 items"
    assert counted(2, "entry", "entries") == "2 entries"
