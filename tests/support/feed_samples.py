"""Feed documents the ingest tests serve: RSS 0.91, 1.0 and 2.0, Atom, teasers, broken XML."""

from __future__ import annotations

import zlib

LONG_1 = (
    "The city council approved a budget of $4.2 billion on Tuesday after a debate that lasted "
    "nine hours. Mayor Ana Ruiz said the plan keeps every library open and adds 300 teachers. "
    "Opponents argued that the property tax rise of 3% would hurt renters most."
)
LONG_2 = (
    "The vote was seven to four. The budget takes effect on July 1, and the first payments to "
    "schools arrive in August. Council member Lee Park, who voted against it, promised to bring "
    "an amendment on housing next month, saying that renters deserve a fairer share of relief."
)

RSS2 = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>City Desk &amp; Friends</title>
  <link>https://news.example/</link>
  <description>Local news</description>
  <item>
    <title>Council approves budget</title>
    <link>https://news.example/budget?utm_source=rss</link>
    <guid isPermaLink="false">budget-2026</guid>
    <pubDate>Tue, 24 Nov 2026 06:00:00 +0100</pubDate>
    <description>The council approved a budget.</description>
    <content:encoded><![CDATA[<p>{LONG_1}</p><script>track()</script>
      <figure><img src="x.jpg"/><figcaption>Photo: Jane Doe</figcaption></figure>
      <p>{LONG_2}</p>]]></content:encoded>
  </item>
  <item>
    <title>Bridge closes for repairs</title>
    <link>/bridge</link>
    <description>&lt;p&gt;The old bridge closes on Monday for six weeks.&lt;/p&gt;
      &lt;p&gt;&lt;a href="/bridge"&gt;Read more&lt;/a&gt;&lt;/p&gt;</description>
  </item>
  <item>
    <title>A note from the editor</title>
    <description>{LONG_1} {LONG_2}</description>
  </item>
  <item>
    <title>Nothing to read here</title>
  </item>
</channel>
</rss>""".encode()

RSS1 = f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF News</title>
    <link>https://rdf.example/</link>
    <description>RSS 1.0</description>
    <items><rdf:Seq><rdf:li resource="https://rdf.example/one"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example/one">
    <title>First RDF story</title>
    <link>https://rdf.example/one</link>
    <description>{LONG_1}</description>
    <dc:date>2026-11-23T10:30:00Z</dc:date>
  </item>
</rdf:RDF>""".encode()

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old School</title><link>https://old.example/</link>
<description>x</description><language>en</language>
<item><title>Ancient format</title><link>https://old.example/a</link>
<description>Short one.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Atom Wire</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-24T08:00:00Z</updated>
  <entry>
    <title>Atom story</title>
    <link rel="alternate" href="https://atom.example/story"/>
    <id>tag:atom.example,2026:1</id>
    <published>2026-11-24T07:15:00+02:00</published>
    <updated>2026-11-24T08:00:00Z</updated>
    <summary>A short summary.</summary>
    <content type="html">&lt;p&gt;{LONG_1}&lt;/p&gt;&lt;p&gt;{LONG_2}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="https://atom.example/updated"/>
    <id>tag:atom.example,2026:2</id>
    <updated>2026-11-20T12:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{LONG_2}</p></div></content>
  </entry>
</feed>""".encode()

TEASERS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Teasers</title><link>https://t.example/</link>
<description>x</description>
<item><title>Cut off</title><link>https://t.example/1</link>
<description>&lt;p&gt;The minister said the plan would cost far more than [&amp;#8230;]&lt;/p&gt;
&lt;p&gt;The post Cut off appeared first on Teasers.&lt;/p&gt;</description></item>
<item><title>Short</title><link>https://t.example/2</link>
<description>Three words only.</description></item>
<item><title>Continue</title><link>https://t.example/3</link>
<description>Prices rose again.
Continue reading \xe2\x80\x9cContinue\xe2\x80\x9d \xe2\x86\x92</description></item>
</channel></rss>"""

MALFORMED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken</title><item><titl"

# Declared UTF-8, written in Windows-1252: curly quotes 0x93/0x94 and e-acute 0xE9.
WRONG_CHARSET = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\xe9</title>'
    b"<item><title>\x93Quoted\x94 caf\xe9</title><link>https://c.example/1</link>"
    b"<description>Na\xefve text.</description></item></channel></rss>"
)


def gzip_of_zeros(size: int) -> bytes:
    """A gzip body that inflates to `size` zero bytes (a bomb when size is large)."""
    z = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [z.compress(block) for _ in range(size >> 20)]
    parts.append(z.compress(bytes(size & ((1 << 20) - 1))))
    parts.append(z.flush())
    return b"".join(parts)
