import pytest

from kg.textview import TextView, superscript_to_int

CASES = [
    # (original, expected clean text, markup)
    ("United Nations Convention against \nTransnational Organized Crime", "United Nations Convention against Transnational Organized Crime", False),
    ("law enforce-\nment officials", "law enforcement officials", False),
    ("*Prie instamment* les États", "Prie instamment les États", True),
    ("sa résolution [70/291](#) du 1^{er} juillet", "sa résolution 70/291 du 1er juillet", True),
    ("relatifs¹, de la Convention²", "relatifs, de la Convention", True),
    ("organisée^{Error! Bookmark not defined.} et", "organisée et", True),
]


@pytest.mark.parametrize("original,clean,markup", CASES)
def test_textview_cleans_text(original, clean, markup):
    view = TextView.build(original, [(0, len(original))], markup=markup)
    assert view.text == clean


@pytest.mark.parametrize("original,clean,markup", CASES)
def test_textview_maps_every_word_back_to_the_original(original, clean, markup):
    view = TextView.build(original, [(0, len(original))], markup=markup)
    pos = 0
    for word in clean.split(" "):
        start = view.text.index(word, pos)
        pos = start + len(word)
        s, e = view.to_orig(start, pos)
        # the original span holds the same letters, perhaps with line breaks or markup inside
        squeezed = "".join(ch for ch in original[s:e] if ch.isalnum())
        assert squeezed.startswith("".join(ch for ch in word if ch.isalnum())[:3])
        assert 0 <= s < e <= len(original)


def test_textview_joins_spans_with_one_space_and_drops_spans():
    text = "first half of a\n\nFOOTNOTE BLOCK\n\nsecond half, marker7 here"
    a = (0, 15)
    b = (text.index("second"), len(text))
    marker = text.index("7")
    view = TextView.build(text, [a, b], drop=[(marker, marker + 1)])
    assert view.text == "first half of a second half, marker here"
    s = view.text.index("second")
    assert view.to_orig(s, s + 6) == (b[0], b[0] + 6)
    assert "FOOTNOTE" not in view.text


def test_textview_superscript_numbers():
    assert superscript_to_int("¹⁰") == 10
    assert superscript_to_int("³²") == 32
