def test_strict_build_has_every_page(site):
    # 1 home + 20 topic index pages + 204 sub-topic pages
    assert len(site.html_files()) == 225
