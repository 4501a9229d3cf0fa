"""A news page as sites serve it: navigation, the article, comments and a footer."""

from __future__ import annotations

HTML_PAGE = """<!doctype html>
<html><head><title>Harbour bridge reopens after repairs | Example News</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Portsmouth reopened to traffic on Monday after eight months of
repairs costing £12m, the city council said.</p>
<p>Engineers replaced 40 steel cables and resurfaced the 600-metre deck, council leader
Gerald Vernon-Jackson told reporters at the reopening.</p>
<p>About 30,000 vehicles a day crossed the bridge before it closed in March.</p>
</article>
<section class="comments"><h2>Comments</h2>
<p>Great news, finally! Posted by roadfan99</p></section>
<footer>Copyright 2026 Example News. All rights reserved.</footer>
</body></html>"""
