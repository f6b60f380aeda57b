from insideout.language.similarity import similarities


def test_a_text_about_the_same_thing_scores_higher_than_one_about_something_else():
    boiler, meals = similarities(
        "Our school boiler has broken and classrooms are cold",
        ["Money to replace the broken boiler", "Free school meals for more families"],
    )
    assert boiler > meals


def test_nothing_to_compare_scores_zero():
    assert similarities("", ["anything"]) == [0.0]
    assert similarities("the and of", ["the and of"]) == [0.0]
    assert similarities("boiler", []) == []
