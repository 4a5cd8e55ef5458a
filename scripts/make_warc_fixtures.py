#!/usr/bin/env python3
"""Write the WARC and MHTML reader fixtures under tests/data/.

    python3 scripts/make_warc_fixtures.py

Standard library only. The output is deterministic: fixed record IDs, fixed dates, gzip
headers with mtime 0, a seeded PRNG for the junk file. Running it twice gives the same
bytes (as long as the zlib in use compresses the same way).

Every article, person, town and outlet below is invented for these fixtures.

Files written to tests/data/warc/:
  mixed.warc.gz            11 records, one gzip member per record (as crawlers write)
  plain.warc               records c, f and j of mixed.warc.gz, uncompressed
  truncated.warc.gz        mixed.warc.gz cut off inside the gzip member of record f
  lying-length.warc        record 2 claims Content-Length 999999, the file ends ~300 bytes in
  lying-length-short.warc  record 1's Content-Length is 40 bytes short, record 2 is good
  not-a-warc.warc.gz       seeded pseudo-random bytes, neither gzip nor WARC
  bomb.warc.gz             one gzip member (~290 KB) that inflates to ~300 MB
  expected.json            what a reader should produce and warn about, per file
and to tests/data/html/:
  page.mhtml               a Chrome-style "save as single file" page
  mhtml-expected.json      what the HTML reader should extract from it

After writing, the script re-reads every file with a small independent parser and checks
record counts, every Content-Length, HTTP framing (chunks, gzip body, Content-Length),
the article texts and the MHTML encoding, then prints a summary.
"""

import base64
import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import html
import json
import quopri
import random
import re
import struct
import sys
import uuid
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARC_DIR = ROOT / "tests" / "data" / "warc"
HTML_DIR = ROOT / "tests" / "data" / "html"

CRLF = "\r\n"
WARC_PROFILE_REVISIT = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


# --------------------------------------------------------------------------- helpers

def rid(name):
    """A fixed, realistic-looking record ID."""
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "https://clipdex.example/fixtures/" + name)


def gzip_member(data, level=9):
    """One gzip member with a fixed header (mtime 0, OS 255) so the output is deterministic."""
    xfl = 2 if level == 9 else 0
    header = b"\x1f\x8b\x08\x00" + b"\x00\x00\x00\x00" + bytes([xfl, 255])
    comp = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    body = comp.compress(data) + comp.flush()
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return header + body + trailer


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_date(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def http_date(s):
    return email.utils.format_datetime(warc_date(s), usegmt=True)


def warc_head(fields, content_length):
    text = "WARC/1.1" + CRLF
    for k, v in fields:
        text += "%s: %s%s" % (k, v, CRLF)
    text += "Content-Length: %d%s%s" % (content_length, CRLF, CRLF)
    return text.encode("utf-8")


def warc_record(fields, block, content_length=None):
    """Header, block, then CRLF CRLF. Content-Length is the block's length unless told."""
    cl = len(block) if content_length is None else content_length
    return warc_head(fields, cl) + block + b"\r\n\r\n"


def http_head(start_line, headers):
    text = start_line + CRLF + "".join("%s: %s%s" % (k, v, CRLF) for k, v in headers) + CRLF
    return text.encode("latin-1")


def chunked(data, cuts):
    """Real HTTP/1.1 chunk framing; cuts are byte offsets where a new chunk starts."""
    out = b""
    prev = 0
    for cut in list(cuts) + [len(data)]:
        piece = data[prev:cut]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        prev = cut
    return out + b"0\r\n\r\n"


def make_png(w, h, rgb):
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def qp_encode(data, maxlen=76):
    """Quoted-printable (RFC 2045): '=' as =3D, non-ASCII as =XX, soft breaks '=' so that no
    line is longer than 76 characters, hard line breaks as CRLF, trailing blanks encoded."""
    out_lines = []
    src_lines = data.split(b"\n")
    for line in src_lines:
        if line.endswith(b"\r"):
            line = line[:-1]
        tokens = []
        for i, b in enumerate(line):
            last = i == len(line) - 1
            if b in (9, 32):
                tokens.append(("=%02X" % b) if last else chr(b))
            elif 33 <= b <= 126 and b != 61:
                tokens.append(chr(b))
            else:
                tokens.append("=%02X" % b)
        cur = ""
        for i, tok in enumerate(tokens):
            last = i == len(tokens) - 1
            limit = maxlen if last else maxlen - 1  # leave room for the soft-break '='
            if len(cur) + len(tok) > limit:
                out_lines.append(cur + "=")
                cur = ""
            cur += tok
        out_lines.append(cur)
    return CRLF.join(out_lines).encode("ascii")


def b64_lines(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return CRLF.join(s[i:i + width] for i in range(0, len(s), width)).encode("ascii")


# --------------------------------------------------------------------------- articles
# All invented. paras are the body paragraphs; body_contains are exact sentences of them.

A1 = {
    "key": "A1",
    "outlet": "The Harbour Gazette",
    "url": "https://harbourgazette.example/2025/03/14/bridge-reopens",
    "headline": "Saltmarsh Bridge to reopen by spring after cable repairs",
    "standfirst": "New cables are in place and load tests are booked for early April.",
    "author": "Idris Penhallow",
    "jsonld_date": "2025-03-14T07:30:00+00:00",
    "jsonld_modified": "2025-03-14T12:05:00+00:00",
    "meta_date": None,
    "time": ("2025-03-14T07:30:00+00:00", "14 March 2025, 7.30am"),
    "date_utc": "2025-03-14T07:30:00Z",
    "keywords": "roads, bridges, Port Carrow",
    "paras": [
        "The Saltmarsh Bridge between Port Carrow and Elmsby will reopen to traffic by the end of "
        "April, the county council said on Thursday, five months after a corroded support cable "
        "forced its closure.",
        "\"The new cables are in, the load tests are booked, and unless the weather turns against "
        "us we will have cars back on the deck by the last week of April,\" said Marta Quell, the "
        "county engineer. She said divers had finished inspecting the three river piers last week "
        "and found no further damage.",
        "The closure has added up to forty minutes to the daily drive for around 3,000 commuters, "
        "who have had to use the inland road through Hollin Cross.",
        "Shopkeepers on Quay Street say trade has fallen by a third since the autumn. "
        "\u201cIt has been the quietest winter I can remember,\u201d said Owen Tresize, who runs a "
        "bakery near the bridge approach.",
        "The repairs are expected to cost \u00a32.4 million, about \u00a3600,000 more than first "
        "estimated. The council said the extra money would come from its roads maintenance reserve "
        "rather than from new borrowing.",
        "A temporary footbridge for pedestrians and cyclists will stay open until the main deck is "
        "cleared for traffic.",
    ],
    "body_contains": [
        "\u201cIt has been the quietest winter I can remember,\u201d said Owen Tresize, who runs a "
        "bakery near the bridge approach.",
        "The repairs are expected to cost \u00a32.4 million, about \u00a3600,000 more than first "
        "estimated.",
    ],
    "nav": ["Home", "News", "Harbour", "Business", "Sport", "Opinion", "What's on", "Subscribe"],
    "aside_title": "Most read",
    "aside": ["Lifeboat volunteers honoured at Port Carrow ceremony",
              "Quay Street market to move indoors for winter",
              "Why the harbour wall keeps cracking"],
    "footer": "The Harbour Gazette is published by Quayside Media Ltd, 4 Ropewalk, Port Carrow.",
}

A2 = {
    "key": "A2",
    "outlet": "Northfield Courier",
    "url": "https://northfieldcourier.example/news/library-vote",
    "headline": "Northfield library saved after council vote reverses closure plan",
    "standfirst": "Councillors drop a plan to move the books to the leisure centre after a "
                  "petition signed by more than 6,200 people.",
    "author": "Priya Castellane",
    "jsonld_date": None,
    "meta_date": "2025-05-09T16:45:00+01:00",
    "time": (None, "Friday 9 May 2025, 4.45pm"),
    "date_utc": "2025-05-09T15:45:00Z",
    "paras": [
        "Northfield's central library will stay open after councillors voted on Thursday night to "
        "drop a plan that would have closed it in the autumn and moved its books to the leisure "
        "centre.",
        "The vote was 14 to 9, with four members of the ruling group breaking ranks to side with "
        "the opposition.",
        "\"This building has been the town's front room for ninety years, and tonight the council "
        "finally listened to the people who use it,\" said Gideon Marlow, who led the campaign to "
        "keep it open.",
        "More than 6,200 residents signed a petition against the closure, and about 300 people "
        "gathered outside the town hall before the meeting, some holding library cards above "
        "their heads.",
        "Council leader Hester Vane said the decision left a gap of \u00a3180,000 in next year's "
        "budget. \"We will have to find that money somewhere else, and nobody should pretend that "
        "will be painless,\" she said.",
        "The library will cut its Monday opening hours from September, and volunteers from the "
        "Friends of Northfield Library have offered to run a weekly homework club.",
    ],
    "body_contains": [
        "\"This building has been the town's front room for ninety years, and tonight the council "
        "finally listened to the people who use it,\" said Gideon Marlow, who led the campaign to "
        "keep it open.",
        "The vote was 14 to 9, with four members of the ruling group breaking ranks to side with "
        "the opposition.",
    ],
    "nav": ["Home", "Local news", "Council", "Schools", "Sport", "Letters", "Jobs"],
    "aside_title": "More from Northfield",
    "aside": ["Bus station toilets to reopen after repairs",
              "Northfield Rovers sign goalkeeper from Ashby"],
    "footer": "Northfield Courier, 18 Tanner's Row, Northfield. Send us your news: "
              "newsdesk@northfieldcourier.example",
}

# No date anywhere in the page: no JSON-LD date, no meta time, no <time>, no year in the text.
A3 = {
    "key": "A3",
    "outlet": "Wrenford Echo",
    "url": "https://wrenfordecho.example/community/allotment-waiting-list",
    "headline": "Allotment waiting list in Wrenford passes 400 names",
    "standfirst": "Some residents have been waiting more than seven years for a plot.",
    "author": "Tamsin Okafor",
    "jsonld_date": None,
    "jsonld_nodate": True,
    "meta_date": None,
    "time": None,
    "date_utc": "2025-06-02T08:15:00Z",
    "paras": [
        "More than 400 people are now waiting for an allotment in Wrenford, and some have been on "
        "the list for over seven years, according to figures released by the town council.",
        "The council manages 212 plots across three sites at Mill Lane, Coppice Road and the old "
        "railway sidings. Fewer than twenty become free in a typical year.",
        "\"People put their names down when their children are born and get a plot when those "
        "children are leaving school,\" said Alma Rudd, secretary of the Wrenford Allotment Society.",
        "The society wants the council to split large plots in half, as several nearby towns have "
        "done, and to open a fourth site on unused land behind the cemetery.",
        "Councillor Declan Fairweather, who chairs the amenities committee, said officers were "
        "looking at the cemetery land. \"It is not a quick fix, because the ground needs testing "
        "before anyone grows food on it,\" he said.",
        "A public meeting on the plans will be held at the Mill Lane pavilion next month.",
    ],
    "body_contains": [
        "\"People put their names down when their children are born and get a plot when those "
        "children are leaving school,\" said Alma Rudd, secretary of the Wrenford Allotment Society.",
        "The council manages 212 plots across three sites at Mill Lane, Coppice Road and the old "
        "railway sidings.",
    ],
    "nav": ["Home", "Community", "Council", "Gardening", "Events", "Contact"],
    "aside_title": "Popular this week",
    "aside": ["Mill Lane pavilion gets a new roof", "Scouts raise money for a minibus"],
    "footer": "\u00a9 Wrenford Echo Ltd. All rights reserved. The Echo is a free weekly paper "
              "delivered to 9,000 homes.",
}

A4 = {
    "key": "A4",
    "outlet": "Kelby Post",
    "url": "https://kelbypost.example/news/2025/07/18/pool-repairs-overrun",
    "headline": "Kelby swimming pool to stay shut all summer as repairs overrun",
    "standfirst": "Cracks in the basin floor ran deeper than a spring survey showed.",
    "author": "Ruaridh Pell",
    "jsonld_date": "2025-07-18T11:00:00+01:00",
    "meta_date": "2025-07-18T11:00:00+01:00",
    "time": ("2025-07-18T11:00:00+01:00", "18 July 2025"),
    "date_utc": "2025-07-18T10:00:00Z",
    "paras": [
        "Kelby's outdoor swimming pool will stay closed for the rest of the summer after repairs "
        "to its leaking basin took longer than planned, the trust that runs it said on Friday.",
        "The pool was due to reopen at the start of July, but contractors found that cracks in the "
        "floor ran deeper than a survey in the spring had shown.",
        "\"We are as disappointed as anyone, but we would rather open a pool that holds water for "
        "the next thirty years than rush it for six weeks,\" said Lorna Beckwith, who chairs the "
        "Kelby Lido Trust.",
        "The trust said the extra work would cost about \u00a395,000, most of which it hopes to "
        "cover from a heritage grant.",
        "Families have been told that season tickets bought this year will be honoured in full next "
        "summer. Swimming lessons for children have moved to the indoor pool at Ashgrove school "
        "until September.",
    ],
    "body_contains": [
        "\"We are as disappointed as anyone, but we would rather open a pool that holds water for "
        "the next thirty years than rush it for six weeks,\" said Lorna Beckwith, who chairs the "
        "Kelby Lido Trust.",
        "Families have been told that season tickets bought this year will be honoured in full next "
        "summer.",
    ],
    "nav": ["Home", "News", "Sport", "Lido", "Things to do", "Contact us"],
    "aside_title": "Latest",
    "aside": ["Market square parking charges to rise", "Kelby Town draw at home to Fennick"],
    "footer": "Kelby Post \u2014 independent news for Kelby and the valley.",
    "tail_script": True,
}

A5 = {
    "key": "A5",
    "outlet": "The Dunmore Ledger",
    "url": "https://dunmoreledger.example/village-life/orchard-heritage-status",
    "headline": "Dunmore orchard wins heritage status for rare apple trees",
    "standfirst": "Eleven rare varieties were found in the orchard behind St Brannoc's church.",
    "author": "Selma Arkwright",
    "jsonld_date": "2025-08-27T06:00:00Z",
    "meta_date": None,
    "time": ("2025-08-27T06:00:00Z", "27 August 2025"),
    "date_utc": "2025-08-27T06:00:00Z",
    "paras": [
        "An orchard on the edge of Dunmore has been given heritage status after experts found "
        "eleven varieties of apple tree there that grow almost nowhere else.",
        "The two-acre orchard behind St Brannoc's church was planted by a local nurseryman more "
        "than a century ago and had been left largely untouched since the nursery closed.",
        "\"Some of these trees were thought to be lost altogether, so walking in and finding them "
        "heavy with fruit was quite a moment,\" said Dr Felix Amberley, a fruit historian who "
        "surveyed the site in the spring.",
        "The new status means the trees cannot be felled without permission, and the parish "
        "council will receive a small grant to prune and graft them.",
        "Volunteers plan to hold an apple day in October, when visitors will be able to taste the "
        "fruit and take home cuttings. \"We want people in Dunmore to feel this orchard belongs to "
        "them,\" said Nell Garrow, the parish clerk.",
    ],
    "body_contains": [
        "\"Some of these trees were thought to be lost altogether, so walking in and finding them "
        "heavy with fruit was quite a moment,\" said Dr Felix Amberley, a fruit historian who "
        "surveyed the site in the spring.",
        "The new status means the trees cannot be felled without permission, and the parish "
        "council will receive a small grant to prune and graft them.",
    ],
    "nav": ["Home", "News", "Village life", "Nature", "Letters", "Archive"],
    "aside_title": "Also in the Ledger",
    "aside": ["Dunmore post office to open on Saturdays", "Red kites spotted over Brannoc Hill"],
    "footer": "The Dunmore Ledger, The Old Forge, Dunmore. Printed on recycled paper.",
}

# Only the first ~300 bytes of this page are in lying-length.warc.
A_CUT = {
    "key": "A_CUT",
    "outlet": "Kelby Post",
    "url": "https://kelbypost.example/news/2025/07/19/market-square-parking",
    "headline": "Market square parking charges to rise in Kelby",
    "standfirst": "The first hour will cost 80p from October.",
    "author": "Ruaridh Pell",
    "jsonld_date": "2025-07-19T09:00:00+01:00",
    "meta_date": None,
    "time": ("2025-07-19T09:00:00+01:00", "19 July 2025"),
    "paras": ["Parking in Kelby's market square will cost more from the autumn, the district "
              "council has said."],
    "nav": A4["nav"], "aside_title": "Latest", "aside": [], "footer": A4["footer"],
}

# The MHTML page.
A6 = {
    "key": "A6",
    "outlet": "Carrick Sound Herald",
    "url": "https://carricksoundherald.example/transport/2025/04/22/electric-ferry-hallow-isle",
    "headline": "New electric ferry cuts crossing time to Hallow Isle",
    "standfirst": "The Marigold replaces a diesel boat that islanders say broke down too often.",
    "author": "Ines Calloway",
    "jsonld_date": "2025-04-22T09:30:00+01:00",
    "meta_date": None,
    "time": ("2025-04-22T09:30:00+01:00", "Tuesday 22 April 2025"),
    "date_utc": "2025-04-22T08:30:00Z",
    "keywords": "transport, ferries",
    "paras": [
        "A new electric ferry began carrying passengers between Carrick and Hallow Isle on "
        "Tuesday, cutting the crossing from 35 minutes to 22 and ending a decade of complaints "
        "about the ageing diesel boat it replaces.",
        "The Marigold, built at a yard in Tarnmouth, can carry 180 passengers and 24 cars, and "
        "charges its batteries from a shore connection at each end while vehicles load.",
        "\"Islanders have waited a long time for a boat they can rely on, and this one has not "
        "missed a single test sailing since January,\" said Corin Ashdown, the operations manager "
        "at Sound Ferries.",
        "On the first morning, a queue of cars stretched back past the quayside caf\u00e9, whose "
        "owner, Beatrix Hume, handed out free coffee to drivers. \"It feels like the island is "
        "open for business again,\" she said.",
        "The old ferry, the Saint Oran, will be kept in reserve at Carrick for another year before "
        "it is sold.",
        "Sound Ferries said fares would not change until at least next spring.",
    ],
    "body_contains": [
        "\"Islanders have waited a long time for a boat they can rely on, and this one has not "
        "missed a single test sailing since January,\" said Corin Ashdown, the operations manager "
        "at Sound Ferries.",
        "On the first morning, a queue of cars stretched back past the quayside caf\u00e9, whose "
        "owner, Beatrix Hume, handed out free coffee to drivers.",
    ],
    "nav": ["Home", "Islands", "Transport", "Business", "Weather", "Subscribe"],
    "aside_title": "Most read",
    "aside": ["Hallow Isle school roll rises for first time in a decade",
              "Storm warning for the Sound this weekend"],
    "footer": "\u00a9 Carrick Sound Herald. Harbour Buildings, Carrick. Letters to "
              "letters@carricksoundherald.example",
}


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def render_page(a, css_href="/static/css/site.css", img=None, chrome_meta=False):
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    host = a["url"].split("/")[2]
    origin = "https://" + host
    head = []
    if chrome_meta:
        head.append('<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
    else:
        head.append('<meta charset="utf-8">')
    head += [
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>%s | %s</title>" % (esc(a["headline"]), esc(a["outlet"])),
        '<meta name="description" content="%s">' % esc(a["standfirst"]),
        '<link rel="canonical" href="%s">' % a["url"],
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="%s">' % esc(a["outlet"]),
        '<meta property="og:title" content="%s">' % esc(a["headline"]),
        '<meta property="og:url" content="%s">' % a["url"],
    ]
    if a.get("meta_date"):
        head.append('<meta property="article:published_time" content="%s">' % a["meta_date"])
    head.append('<link rel="stylesheet" href="%s">' % css_href)
    if a.get("jsonld_date") or a.get("jsonld_nodate"):
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": a["url"],
            "headline": a["headline"],
        }
        if a.get("jsonld_date"):
            ld["datePublished"] = a["jsonld_date"]
        if a.get("jsonld_modified"):
            ld["dateModified"] = a["jsonld_modified"]
        ld["author"] = {"@type": "Person", "name": a["author"]}
        ld["publisher"] = {"@type": "Organization", "name": a["outlet"]}
        if a.get("keywords"):
            ld["keywords"] = a["keywords"]
        ld["inLanguage"] = "en-GB"
        head.append('<script type="application/ld+json">%s</script>'
                    % json.dumps(ld, ensure_ascii=False))

    nav = "\n".join('      <li><a href="%s">%s</a></li>'
                    % ("/" if n == "Home" else "/" + slug(n) + "/", esc(n)) for n in a["nav"])
    byline = 'By <a rel="author" href="/authors/%s">%s</a>' % (slug(a["author"]), esc(a["author"]))
    if a.get("time"):
        iso, shown = a["time"]
        if iso:
            byline += ' <span class="sep">&middot;</span> <time datetime="%s">%s</time>' % (iso, shown)
        else:
            byline += ' <span class="sep">&middot;</span> <span class="published">%s</span>' % shown
    for p in a["paras"]:
        assert not set("<>&") & set(p), p
    body = "\n".join("      <p>%s</p>" % p for p in a["paras"])
    figure = ""
    if img:
        figure = ('    <figure class="lead-image">\n      <img src="%s" alt="%s" width="4" height="4">\n'
                  '      <figcaption>%s</figcaption>\n    </figure>\n' % img)
    aside = ""
    if a["aside"]:
        items = "\n".join('      <li><a href="/%s">%s</a></li>' % (slug(t), esc(t)) for t in a["aside"])
        aside = ('  <aside class="related">\n    <h2>%s</h2>\n    <ol>\n%s\n    </ol>\n  </aside>\n'
                 % (esc(a["aside_title"]), items))
    tail = '<script src="/static/js/site.js" defer></script>\n' if a.get("tail_script") else ""
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n'
        "<head>\n" + "\n".join(head) + "\n</head>\n"
        "<body>\n"
        '<header class="masthead">\n'
        '  <a class="logo" href="%s/">%s</a>\n' % (origin, esc(a["outlet"])) +
        '  <nav class="site-nav" aria-label="Sections">\n    <ul>\n%s\n    </ul>\n  </nav>\n' % nav +
        "</header>\n"
        "<main>\n"
        '  <article class="story">\n'
        "    <h1>%s</h1>\n" % esc(a["headline"]) +
        '    <p class="standfirst">%s</p>\n' % esc(a["standfirst"]) +
        '    <p class="byline">%s</p>\n' % byline +
        figure +
        '    <div class="story-body">\n%s\n    </div>\n' % body +
        "  </article>\n" + aside +
        "</main>\n"
        '<footer class="site-footer">\n'
        '  <ul class="footer-links"><li><a href="/about">About us</a></li>'
        '<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li></ul>\n'
        "  <p>%s</p>\n" % esc(a["footer"]) +
        "</footer>\n" + tail +
        "</body>\n"
        "</html>\n"
    )
    return page


NOT_FOUND_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Page not found | The Harbour Gazette</title>
<meta name="robots" content="noindex">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body>
<header class="masthead">
  <a class="logo" href="https://harbourgazette.example/">The Harbour Gazette</a>
  <nav class="site-nav" aria-label="Sections">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/news/">News</a></li>
      <li><a href="/harbour/">Harbour</a></li>
    </ul>
  </nav>
</header>
<main class="error-page">
  <h1>Page not found</h1>
  <p>Sorry, we could not find the page you were looking for. It may have been moved or taken down.</p>
  <p>Try our <a href="/search">search page</a> or go back to the <a href="/">front page</a>.</p>
</main>
<footer class="site-footer">
  <p>The Harbour Gazette is published by Quayside Media Ltd, 4 Ropewalk, Port Carrow.</p>
</footer>
</body>
</html>
"""

SITE_CSS = b"""/* harbourgazette.example site styles */
:root{--hg-ink:#1b1b1b;--hg-accent:#004f6e;--hg-rule:#dcdcdc}
body{margin:0;font-family:Georgia,"Times New Roman",serif;color:var(--hg-ink);line-height:1.55}
.masthead{border-bottom:4px solid var(--hg-accent);padding:12px 16px}
.logo{font-size:2rem;font-weight:700;text-decoration:none;color:var(--hg-accent)}
.site-nav ul{display:flex;gap:16px;list-style:none;margin:0;padding:8px 0}
.story{max-width:720px;margin:24px auto;padding:0 16px}
.story h1{font-size:2.2rem;line-height:1.15}
.standfirst{font-size:1.2rem;color:#444}
.byline{font-size:.9rem;color:#666}
.related{max-width:720px;margin:0 auto;border-top:3px solid var(--hg-ink)}
.site-footer{background:#111;color:#ccc;padding:24px 16px;font-size:.85rem}
"""

CARRICK_CSS = b"""/* carricksoundherald.example */
body{margin:0;font-family:"Source Sans 3",Arial,sans-serif;color:#14202b}
.masthead{background:#0d3b4f;color:#fff;padding:10px 18px}
.masthead .logo{color:#fff;font-weight:800;font-size:1.8rem;text-decoration:none}
.site-nav a{color:#dbe9f0;text-transform:uppercase;font-size:.8rem}
.story{max-width:700px;margin:20px auto}
.lead-image img{width:100%;height:auto}
.lead-image figcaption{font-size:.8rem;color:#555}
.site-footer{border-top:1px solid #ccc;padding:20px;font-size:.8rem}
"""

PDF_BYTES = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
             b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
             b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def article_expectation(a, warc_date=None):
    if a.get("jsonld_date"):
        date, how = a["jsonld_date"], "JSON-LD NewsArticle datePublished"
    elif a.get("meta_date"):
        date, how = a["meta_date"], "meta article:published_time"
    else:
        date, how = warc_date, "no date anywhere in the HTML: fall back to the record's WARC-Date"
    return {
        "url": a["url"],
        "title": a["headline"],
        "date": date,
        "date_utc": a["date_utc"],
        "date_from": how,
        "source": a["outlet"],
        "authors": [a["author"]],
        "body_contains": a["body_contains"],
        "body_lacks": [a["aside"][0], a["footer"]] if a["aside"] else [a["footer"]],
    }


# --------------------------------------------------------------------------- WARC records

def build_mixed():
    """Returns a list of record dicts: letter, type, id, uri, date, bytes, and extras."""
    recs = []
    ua = "Mozilla/5.0 (compatible; clipdex-fixture-crawler/1.0; +https://clipdex.example/bot)"

    def add(letter, wtype, date, uri, ctype, block, extra_fields=(), what="", cl=None):
        name = "mixed/" + letter
        fields = [("WARC-Type", wtype), ("WARC-Record-ID", rid(name)), ("WARC-Date", date)]
        if uri:
            fields.append(("WARC-Target-URI", uri))
        fields += list(extra_fields)
        fields.append(("Content-Type", ctype))
        rec = {"letter": letter, "type": wtype, "id": rid(name), "uri": uri, "date": date,
               "content_length": len(block), "block": block, "what": what,
               "bytes": warc_record(fields, block, cl)}
        recs.append(rec)
        return rec

    def resp_fields(block, payload, ip):
        return [("WARC-IP-Address", ip), ("WARC-Block-Digest", sha1_b32(block)),
                ("WARC-Payload-Digest", sha1_b32(payload))]

    # a. warcinfo
    info = CRLF.join([
        "software: clipdex-fixtures/1.0 (scripts/make_warc_fixtures.py)",
        "format: WARC File Format 1.1",
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "isPartOf: clipdex-test-crawl",
        "description: Invented news pages for clipdex reader tests",
        "robots: obey",
        "http-header-user-agent: " + ua,
    ]) + CRLF
    add("a", "warcinfo", "2025-06-02T08:00:00Z", None, "application/warc-fields",
        info.encode("utf-8"), [("WARC-Filename", "mixed.warc.gz")], "warcinfo")

    # b. request
    req = http_head("GET /2025/03/14/bridge-reopens HTTP/1.1", [
        ("Host", "harbourgazette.example"), ("User-Agent", ua),
        ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
        ("Accept-Encoding", "identity"), ("Connection", "close")])
    rec_b = add("b", "request", "2025-06-02T08:00:02Z", A1["url"],
                "application/http;msgtype=request", req, [], "HTTP GET for the Harbour Gazette article")

    # c. response, chunked
    html_c = render_page(A1).encode("utf-8")
    curly = html_c.index("\u201cIt has been".encode("utf-8"))
    # 4 chunks; the 2nd cut splits the 3-byte UTF-8 sequence of U+201C in two
    cuts = [700, curly + 1, curly + 1 + (len(html_c) - curly) // 2]
    assert 0 < cuts[0] < cuts[1] < cuts[2] < len(html_c)
    body_c = chunked(html_c, cuts)
    hdr_c = http_head("HTTP/1.1 200 OK", [
        ("Server", "nginx/1.24.0"), ("Date", http_date("2025-06-02T08:00:02Z")),
        ("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked"),
        ("Connection", "close"), ("Cache-Control", "max-age=300"), ("X-Cache", "MISS")])
    block_c = hdr_c + body_c
    rec_c = add("c", "response", "2025-06-02T08:00:02Z", A1["url"],
                "application/http;msgtype=response", block_c,
                [("WARC-Concurrent-To", rec_b["id"])] + resp_fields(block_c, body_c, "192.0.2.14"),
                "article page, body in %d chunks (one cut splits a UTF-8 character)" % (len(cuts) + 1))
    rec_c.update(html=html_c, article=A1, chunks=len(cuts) + 1, payload_digest=sha1_b32(body_c),
                 http_headers=hdr_c)

    # d. metadata
    meta = CRLF.join([
        "via: https://harbourgazette.example/",
        "hopsFromSeed: L",
        "sourceTag: coast-news",
        "fetchTimeMs: 184",
        "outlink: https://harbourgazette.example/static/css/site.css E link/@href",
        "outlink: https://harbourgazette.example/authors/idris-penhallow L a/@href",
    ]) + CRLF
    add("d", "metadata", "2025-06-02T08:00:02Z", A1["url"], "application/warc-fields",
        meta.encode("utf-8"), [("WARC-Concurrent-To", rec_c["id"])], "crawler metadata for record c")

    # e. CSS
    hdr_e = http_head("HTTP/1.1 200 OK", [
        ("Server", "nginx/1.24.0"), ("Date", http_date("2025-06-02T08:00:03Z")),
        ("Content-Type", "text/css"), ("Content-Length", str(len(SITE_CSS))),
        ("Cache-Control", "max-age=86400")])
    block_e = hdr_e + SITE_CSS
    add("e", "response", "2025-06-02T08:00:03Z", "https://harbourgazette.example/static/css/site.css",
        "application/http;msgtype=response", block_e, resp_fields(block_e, SITE_CSS, "192.0.2.14"),
        "stylesheet (text/css)")

    # f. gzip-encoded HTML
    html_f = render_page(A2).encode("utf-8")
    gz_f = gzip_member(html_f, level=6)
    hdr_f = http_head("HTTP/1.1 200 OK", [
        ("Server", "Apache"), ("Date", http_date("2025-06-02T08:05:10Z")),
        ("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
        ("Vary", "Accept-Encoding"), ("Content-Length", str(len(gz_f))),
        ("Connection", "close")])
    block_f = hdr_f + gz_f
    rec_f = add("f", "response", "2025-06-02T08:05:10Z", A2["url"],
                "application/http;msgtype=response", block_f, resp_fields(block_f, gz_f, "198.51.100.7"),
                "article page, HTTP body gzip (Content-Encoding: gzip)")
    rec_f.update(html=html_f, article=A2, gz_body=gz_f)

    # g. PNG
    png = make_png(4, 4, (0, 79, 110))
    hdr_g = http_head("HTTP/1.1 200 OK", [
        ("Server", "nginx/1.24.0"), ("Date", http_date("2025-06-02T08:05:11Z")),
        ("Content-Type", "image/png"), ("Content-Length", str(len(png)))])
    block_g = hdr_g + png
    add("g", "response", "2025-06-02T08:05:11Z",
        "https://harbourgazette.example/media/2025/03/bridge-deck-thumb.png",
        "application/http;msgtype=response", block_g, resp_fields(block_g, png, "192.0.2.14"),
        "image (image/png)")

    # h. PDF
    hdr_h = http_head("HTTP/1.1 200 OK", [
        ("Server", "Apache"), ("Date", http_date("2025-06-02T08:07:40Z")),
        ("Content-Type", "application/pdf"), ("Content-Length", str(len(PDF_BYTES)))])
    block_h = hdr_h + PDF_BYTES
    add("h", "response", "2025-06-02T08:07:40Z",
        "https://northfieldcourier.example/documents/library-consultation-report.pdf",
        "application/http;msgtype=response", block_h, resp_fields(block_h, PDF_BYTES, "198.51.100.7"),
        "PDF stub (application/pdf), no text")

    # i. 404
    nf = NOT_FOUND_HTML.encode("utf-8")
    hdr_i = http_head("HTTP/1.1 404 Not Found", [
        ("Server", "nginx/1.24.0"), ("Date", http_date("2025-06-02T08:09:02Z")),
        ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(nf)))])
    block_i = hdr_i + nf
    add("i", "response", "2025-06-02T08:09:02Z",
        "https://harbourgazette.example/2025/03/13/ferry-fares-freeze",
        "application/http;msgtype=response", block_i, resp_fields(block_i, nf, "192.0.2.14"),
        "HTTP 404 'Page not found' page")

    # j. plain article, no date in the page
    html_j = render_page(A3).encode("utf-8")
    hdr_j = http_head("HTTP/1.1 200 OK", [
        ("Server", "nginx"), ("Date", http_date("2025-06-02T08:15:00Z")),
        ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(html_j)))])
    block_j = hdr_j + html_j
    rec_j = add("j", "response", "2025-06-02T08:15:00Z", A3["url"],
                "application/http;msgtype=response", block_j, resp_fields(block_j, html_j, "203.0.113.40"),
                "article page, plain body, no date in the HTML")
    rec_j.update(html=html_j, article=A3)

    # k. revisit: the HTTP headers only, no payload
    hdr_k = http_head("HTTP/1.1 200 OK", [
        ("Server", "nginx/1.24.0"), ("Date", http_date("2025-06-02T08:20:30Z")),
        ("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked"),
        ("Connection", "close"), ("Cache-Control", "max-age=300"), ("X-Cache", "HIT")])
    add("k", "revisit", "2025-06-02T08:20:30Z", A1["url"], "application/http;msgtype=response", hdr_k,
        [("WARC-Profile", WARC_PROFILE_REVISIT), ("WARC-Refers-To", rec_c["id"]),
         ("WARC-Refers-To-Target-URI", A1["url"]), ("WARC-Refers-To-Date", rec_c["date"]),
         ("WARC-Payload-Digest", rec_c["payload_digest"]), ("WARC-Block-Digest", sha1_b32(hdr_k))],
        "revisit of record c (identical payload): HTTP headers only, no payload")
    return recs


def simple_response(name, date, a, ip, declared=None, cut_body=None):
    html_b = render_page(a).encode("utf-8")
    if cut_body is not None:
        body = html_b[:cut_body]
        fake_total = declared
        hdr = http_head("HTTP/1.1 200 OK", [
            ("Server", "nginx"), ("Date", http_date(date)),
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "0" * 6)])
        http_cl = fake_total - len(hdr)  # same length as the placeholder: 6 digits
        hdr = hdr.replace(b"Content-Length: 000000", b"Content-Length: %06d" % http_cl)
        block = hdr + body
    else:
        hdr = http_head("HTTP/1.1 200 OK", [
            ("Server", "nginx"), ("Date", http_date(date)),
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(html_b)))])
        block = hdr + html_b
    fields = [("WARC-Type", "response"), ("WARC-Record-ID", rid(name)), ("WARC-Date", date),
              ("WARC-Target-URI", a["url"]), ("WARC-IP-Address", ip),
              ("Content-Type", "application/http;msgtype=response")]
    cl = len(block) if declared is None else declared
    if cut_body is not None:
        data = warc_head(fields, cl) + block  # the file simply ends here
    else:
        data = warc_record(fields, block, cl)
    return {"id": rid(name), "uri": a["url"], "date": date, "type": "response", "block": block,
            "declared": cl, "bytes": data, "html": html_b, "article": a}


# --------------------------------------------------------------------------- independent check

class Check:
    def __init__(self):
        self.failures = []
        self.count = 0

    def __call__(self, cond, msg):
        self.count += 1
        if not cond:
            self.failures.append(msg)


def parse_headers(raw):
    lines = raw.decode("utf-8").split("\r\n")
    fields = {}
    for line in lines[1:]:
        k, v = line.split(":", 1)
        fields[k.strip().lower()] = v.strip()
    return lines[0], fields


def read_records(data, base=0):
    """Strict reader for uncompressed WARC data. Returns (records, error or None)."""
    pos, recs = 0, []
    while pos < len(data):
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            return recs, "no end of header at %d" % (base + pos)
        first, fields = parse_headers(data[pos:end])
        if not first.startswith("WARC/1."):
            return recs, "no WARC/1.x line at %d" % (base + pos)
        cl = int(fields["content-length"])
        start = end + 4
        block = data[start:start + cl]
        rec = {"offset": base + pos, "fields": fields, "block": block, "cl": cl}
        if len(block) < cl:
            rec["short"] = len(block)
            recs.append(rec)
            return recs, "truncated block at %d: %d of %d bytes" % (base + pos, len(block), cl)
        recs.append(rec)
        if data[start + cl:start + cl + 4] != b"\r\n\r\n":
            return recs, "no CRLF CRLF after block at %d" % (base + start + cl)
        pos = start + cl + 4
    return recs, None


def gz_members(data):
    """Split concatenated gzip members. Returns (members, error); a member is (offset, bytes)."""
    pos, out = 0, []
    while pos < len(data):
        d = zlib.decompressobj(31)
        try:
            payload = d.decompress(data[pos:])
        except zlib.error as e:
            return out, "bad gzip at %d: %s" % (pos, e)
        if not d.eof:
            out.append((pos, payload))
            return out, "gzip member at %d ends early (file ends at %d)" % (pos, len(data))
        consumed = len(data) - pos - len(d.unused_data)
        out.append((pos, payload))
        pos += consumed
    return out, None


def http_split(block):
    end = block.index(b"\r\n\r\n")
    status, fields = parse_headers(block[:end])
    return status, fields, block[end + 4:]


def dechunk(body):
    out, pos, n = b"", 0, 0
    while True:
        eol = body.index(b"\r\n", pos)
        size = int(body[pos:eol].split(b";")[0], 16)
        pos = eol + 2
        if size == 0:
            assert body[pos:pos + 2] == b"\r\n"
            return out, n, len(body) - (pos + 2)
        out += body[pos:pos + size]
        assert body[pos + size:pos + size + 2] == b"\r\n"
        pos += size + 2
        n += 1


def payload_of(block):
    status, fields, body = http_split(block)
    if fields.get("transfer-encoding") == "chunked":
        body, _, _ = dechunk(body)
    if fields.get("content-encoding") == "gzip":
        body = zlib.decompress(body, 31)
    return status, fields, body


def check_article_html(check, page, a, where):
    text = page.decode("utf-8")
    check("<title>%s | %s</title>" % (html.escape(a["headline"]), html.escape(a["outlet"])) in text,
          where + ": title")
    check('<meta property="og:title" content="%s">' % html.escape(a["headline"]) in text, where + ": og:title")
    check("<h1>%s</h1>" % html.escape(a["headline"]) in text, where + ": h1")
    check("<nav" in text and "<footer" in text and "<article" in text, where + ": page structure")
    for s in a["body_contains"]:
        check(s in text, where + ": body_contains %r" % s[:40])
    words = sum(len(p.split()) for p in a["paras"])
    check(120 <= words <= 250, where + ": %d words in body" % words)
    check(120 <= words + len(a["standfirst"].split()) <= 250, where + ": words with standfirst")
    check(any(re.search(r"[,.][\"\u201d] (he |she )?said\b", p) for p in a["paras"]),
          where + ": a quotation followed by 'said'")
    check(sum(p in text for p in a["paras"]) == len(a["paras"]), where + ": all paragraphs in page")
    if a.get("jsonld_date"):
        check('"datePublished": "%s"' % a["jsonld_date"] in text, where + ": JSON-LD date")
    if a.get("meta_date"):
        check('content="%s"' % a["meta_date"] in text, where + ": meta date")


def check_no_date(check, page, where):
    text = page.decode("utf-8")
    check(not re.search(r"(19|20)\d\d", text), where + ": a year in the page")
    check(not re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", text), where + ": a numeric date in the page")
    months = r"\b(January|February|March|April|June|July|August|September|October|November|December)\b"
    check(not re.search(months, text), where + ": a month name in the page")
    for bad in ("datePublished", "dateCreated", "dateModified", "published_time", "<time",
                "pubdate", "date"):
        check(bad not in text.lower() if bad == "date" else bad not in text,
              where + ": %r in the page" % bad)


# --------------------------------------------------------------------------- main

def main():
    WARC_DIR.mkdir(parents=True, exist_ok=True)
    HTML_DIR.mkdir(parents=True, exist_ok=True)
    check = Check()
    expected = {
        "_about": (
            "Expectations for the WARC reader fixtures written by scripts/make_warc_fixtures.py. "
            "All text is invented. Per file: 'records' lists every record in file order (offset is "
            "the byte offset of the record's gzip member in .gz files, of its 'WARC/1.1' line in "
            "uncompressed files; content_length is the declared Content-Length); 'articles' is what a "
            "reader should produce, in order; 'skipped' names records that are not articles and "
            "should be passed over quietly (at most a debug/info note, not a warning); 'warnings' "
            "describes, in free text, each warning a robust reader should give. 'date' is the "
            "page's own date as written (or the record's WARC-Date when the page has none), "
            "'date_utc' the same instant in UTC. 'title' is the headline without the ' | Outlet' "
            "suffix of <title>. Each body_contains entry is one exact sentence of the article body; "
            "body_lacks entries are page furniture (related links, footer) that must not be in the "
            "body. WARC-Payload-Digest of the chunked response (record c, and the revisit k that "
            "points to it) is computed as wget, Heritrix and warcio do: over the HTTP message body as "
            "sent, chunk framing included; `warcio check` passes on mixed.warc.gz and plain.warc."
        )
    }
    summary = []

    # ---- mixed.warc.gz
    recs = build_mixed()
    members = [gzip_member(r["bytes"]) for r in recs]
    mixed = b"".join(members)
    off = 0
    for r, m in zip(recs, members):
        r["offset"] = off
        r["member_len"] = len(m)
        off += len(m)
    (WARC_DIR / "mixed.warc.gz").write_bytes(mixed)
    by = {r["letter"]: r for r in recs}

    def rec_entry(r, offset_key="offset"):
        return {"n": None, "record": r.get("letter"), "type": r["type"], "id": r["id"],
                "uri": r["uri"], "warc_date": r["date"], "offset": r[offset_key],
                "content_length": r.get("declared", r["content_length"] if "content_length" in r else None),
                "what": r.get("what", "")}

    def numbered(entries):
        for i, e in enumerate(entries, 1):
            e["n"] = i
            if e["record"] is None:
                del e["record"]
        return entries

    skipped_mixed = [
        {"record": "a", "why": "warcinfo record, no page"},
        {"record": "b", "why": "request record"},
        {"record": "d", "why": "metadata record"},
        {"record": "e", "why": "response is text/css, not HTML"},
        {"record": "g", "why": "response is image/png, not HTML"},
        {"record": "h", "why": "response is application/pdf, not HTML (and a stub with no text)"},
        {"record": "i", "why": "HTTP status 404 (a 'Page not found' page): not an article, even "
                               "though it is text/html and its URL has a date in it"},
        {"record": "k", "why": "revisit record (identical-payload-digest) of record c: no payload, "
                               "and it must not produce a second copy of the Harbour Gazette article"},
    ]
    expected["mixed.warc.gz"] = {
        "description": "WARC/1.1, one gzip member per record, 11 records a-k.",
        "records": numbered([rec_entry(r) for r in recs]),
        "articles": [
            dict(article_expectation(A1), record="c",
                 note="HTTP body is Transfer-Encoding: chunked (%d chunks; the boundary between "
                      "chunks 2 and 3 falls inside the 3-byte UTF-8 sequence of U+201C): de-chunk "
                      "before decoding" % by["c"]["chunks"]),
            dict(article_expectation(A2), record="f",
                 note="HTTP body is Content-Encoding: gzip with Content-Length of the compressed "
                      "bytes: gunzip before parsing"),
            dict(article_expectation(A3, by["j"]["date"]), record="j",
                 note="the HTML has no date at all; the HTTP Date header equals the WARC-Date"),
        ],
        "skipped": skipped_mixed,
        "warnings": [],
        "warnings_note": "No warnings: every record is well formed. Skipping the records listed "
                         "in 'skipped' is normal operation.",
    }

    # ---- plain.warc
    plain_recs = [by["c"], by["f"], by["j"]]
    plain = b""
    plain_entries = []
    for r in plain_recs:
        e = rec_entry(r)
        e["offset"] = len(plain)
        plain_entries.append(e)
        plain += r["bytes"]
    (WARC_DIR / "plain.warc").write_bytes(plain)
    expected["plain.warc"] = {
        "description": "Records c, f and j of mixed.warc.gz (same bytes, same record IDs), "
                       "uncompressed, one after another.",
        "records": numbered(plain_entries),
        "articles": [dict(article_expectation(A1), record="c"),
                     dict(article_expectation(A2), record="f"),
                     dict(article_expectation(A3, by["j"]["date"]), record="j")],
        "skipped": [],
        "warnings": [],
    }

    # ---- truncated.warc.gz
    f = by["f"]
    cut = f["offset"] + f["member_len"] // 2
    truncated = mixed[:cut]
    (WARC_DIR / "truncated.warc.gz").write_bytes(truncated)
    t_members, t_err = gz_members(truncated)
    partial = t_members[-1][1]
    p_end = partial.find(b"\r\n\r\n")
    partial_block = len(partial) - (p_end + 4) if p_end >= 0 else 0
    t_entries = [rec_entry(by[x]) for x in "abcde"]
    fe = rec_entry(f)
    fe["what"] += " -- TRUNCATED: the file ends %d bytes into this record's %d-byte gzip member" % (
        cut - f["offset"], f["member_len"])
    t_entries.append(fe)
    expected["truncated.warc.gz"] = {
        "description": "mixed.warc.gz cut off at byte %d, in the middle of the gzip member of "
                       "record f (member starts at %d, would be %d bytes long). Records a-e are whole; "
                       "g-k are missing." % (cut, f["offset"], f["member_len"]),
        "records": numbered(t_entries),
        "articles": [dict(article_expectation(A1), record="c")],
        "skipped": [s for s in skipped_mixed if s["record"] in "abde"],
        "warnings": [
            "Record 6 (f), WARC-Record-ID %s, WARC-Target-URI %s: its gzip member (from byte %d) "
            "ends early: unexpected end of file at byte %d. Its WARC header can still be "
            "decompressed (Content-Length %d), but fewer than %d bytes of its block are there "
            "(Python's zlib yields %d), so the record is incomplete and gives no article. "
            "Nothing follows it. The reader should name the file, the record and the offset, "
            "keep the article from record c, and not panic."
            % (f["id"], f["uri"], f["offset"], cut, f["content_length"], f["content_length"],
               partial_block),
        ],
    }

    # ---- lying-length.warc
    r1 = simple_response("lying-length/1", "2025-07-20T06:30:00Z", A4, "203.0.113.77")
    r2 = simple_response("lying-length/2", "2025-07-20T06:30:04Z", A_CUT, "203.0.113.77",
                         declared=999999, cut_body=300)
    lying = r1["bytes"] + r2["bytes"]
    (WARC_DIR / "lying-length.warc").write_bytes(lying)
    r1["offset"], r2["offset"] = 0, len(r1["bytes"])
    r2_avail = len(r2["block"])
    expected["lying-length.warc"] = {
        "description": "Uncompressed. Record 1 is a good response (Kelby Post article). Record 2's "
                       "Content-Length claims 999999 bytes, but the file ends %d bytes into its "
                       "block (HTTP headers plus the first 300 bytes of an HTML page)." % r2_avail,
        "records": [
            {"n": 1, "type": "response", "id": r1["id"], "uri": r1["uri"], "warc_date": r1["date"],
             "offset": 0, "content_length": r1["declared"], "what": "good article page"},
            {"n": 2, "type": "response", "id": r2["id"], "uri": r2["uri"], "warc_date": r2["date"],
             "offset": r2["offset"], "content_length": 999999,
             "what": "declared 999999 bytes; only %d block bytes in the file" % r2_avail},
        ],
        "articles": [dict(article_expectation(A4), record=1)],
        "skipped": [],
        "warnings": [
            "Record 2, WARC-Record-ID %s, WARC-Target-URI %s, at byte %d: Content-Length says "
            "999999 but the file ends after %d bytes of the block (file size %d). The record is "
            "truncated: no article from it (the partial page has a <title> but no body; do not "
            "index a title-only stub). Keep the article from record 1; do not try to allocate or "
            "wait for the missing bytes."
            % (r2["id"], r2["uri"], r2["offset"], r2_avail, len(lying)),
        ],
    }

    # ---- lying-length-short.warc
    s1 = simple_response("lying-length-short/1", "2025-07-20T06:30:00Z", A4, "203.0.113.77")
    s1_true = len(s1["block"])
    fields1 = [("WARC-Type", "response"), ("WARC-Record-ID", s1["id"]),
               ("WARC-Date", s1["date"]), ("WARC-Target-URI", A4["url"]),
               ("WARC-IP-Address", "203.0.113.77"), ("Content-Type", "application/http;msgtype=response")]
    s1_bytes = warc_record(fields1, s1["block"], s1_true - 40)
    missing = s1["block"][-40:]
    s2 = simple_response("lying-length-short/2", "2025-08-28T14:02:00Z", A5, "198.51.100.23")
    short = s1_bytes + s2["bytes"]
    (WARC_DIR / "lying-length-short.warc").write_bytes(short)
    s1_head_len = len(warc_head(fields1, s1_true - 40))
    garbage_at = s1_head_len + s1_true - 40
    s2_off = len(s1_bytes)
    expected["lying-length-short.warc"] = {
        "description": "Uncompressed. Record 1 (the Kelby Post article again, new record ID) "
                       "declares Content-Length %d, 40 bytes fewer than its real %d-byte block, so "
                       "where the reader expects CRLF CRLF and the next 'WARC/1.1' line it finds "
                       "the last 40 bytes of the page (%r) plus CRLF CRLF. Record 2 (The Dunmore "
                       "Ledger article) is good and starts at byte %d."
                       % (s1_true - 40, s1_true, missing.decode("utf-8"), s2_off),
        "records": [
            {"n": 1, "type": "response", "id": s1["id"], "uri": s1["uri"], "warc_date": s1["date"],
             "offset": 0, "content_length": s1_true - 40,
             "what": "Content-Length 40 bytes short of the real block (%d)" % s1_true},
            {"n": 2, "type": "response", "id": s2["id"], "uri": s2["uri"], "warc_date": s2["date"],
             "offset": s2_off, "content_length": s2["declared"], "what": "good article page"},
        ],
        "articles": [dict(article_expectation(A4), record=1,
                          note="The declared block lacks only the page's last 40 bytes, which are "
                               "markup after the footer (part of a <script> tag and the closing "
                               "</body></html>), so the article is whole. A stricter reader that "
                               "drops a record whose framing is wrong would lose this article but "
                               "must still warn and still read record 2."),
                     dict(article_expectation(A5), record=2)],
        "skipped": [],
        "warnings": [
            "Record 1, WARC-Record-ID %s, WARC-Target-URI %s: after its declared %d-byte block "
            "(ends at byte %d) there is no CRLF CRLF and no 'WARC/1.' line, only stray bytes: its "
            "Content-Length is probably wrong. The reader should warn naming the record and the "
            "offset, then resynchronise by scanning forward for the next line that starts with "
            "'WARC/1.' (byte %d) and carry on from there with record 2 (WARC-Record-ID %s)."
            % (s1["id"], A4["url"], s1_true - 40, garbage_at, s2_off, s2["id"]),
        ],
    }

    # ---- not-a-warc.warc.gz
    rng = random.Random(20250602)
    junk = bytearray(rng.getrandbits(8) for _ in range(4096))
    if junk[:2] == b"\x1f\x8b" or junk[:5] == b"WARC/":
        junk[0] ^= 0xFF
    junk = bytes(junk)
    (WARC_DIR / "not-a-warc.warc.gz").write_bytes(junk)
    expected["not-a-warc.warc.gz"] = {
        "description": "4096 pseudo-random bytes (Python random.Random(20250602)); not gzip "
                       "(starts %s, not 1f 8b) and not a WARC." % junk[:2].hex(" "),
        "records": [],
        "articles": [],
        "skipped": [],
        "warnings": [
            "The whole file: not a gzip stream (first bytes %s, not the gzip magic 1f 8b) and "
            "not an uncompressed WARC (does not begin with 'WARC/'). Report one error naming the "
            "file, produce no records and no articles, and do not panic, hang or scan the bytes "
            "as text for ever." % junk[:4].hex(" "),
        ],
    }

    # ---- bomb.warc.gz (streamed: never holds the payload in memory)
    # A '<div>' every 64 KiB, spaces in between: runs of one byte at distance 1 are what
    # deflate squeezes hardest (~1000:1), so 300 MB fits in ~310 KB.
    unit = b"<div>" + b" " * 65531
    n_units = 4578  # 4578 * 65536 = 300_023_808 bytes
    prefix = b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
    suffix = b"\n</body></html>\n"
    payload_len = len(prefix) + len(unit) * n_units + len(suffix)
    bomb_uri = "https://bigpage.example/news/endless-divs"
    bomb_date = "2025-09-09T12:00:00Z"
    hdr_bomb = http_head("HTTP/1.1 200 OK", [
        ("Server", "nginx"), ("Date", http_date(bomb_date)),
        ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(payload_len))])
    block_len = len(hdr_bomb) + payload_len
    bomb_id = rid("bomb/1")
    head_bomb = warc_head([("WARC-Type", "response"), ("WARC-Record-ID", bomb_id),
                           ("WARC-Date", bomb_date), ("WARC-Target-URI", bomb_uri),
                           ("Content-Type", "application/http;msgtype=response")], block_len)
    buf_units = 16
    buf = unit * buf_units
    with open(WARC_DIR / "bomb.warc.gz", "wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
        crc, size = 0, 0

        def feed(piece):
            nonlocal crc, size
            crc = zlib.crc32(piece, crc)
            size += len(piece)
            out.write(comp.compress(piece))

        feed(head_bomb + hdr_bomb + prefix)
        full, rest = divmod(n_units, buf_units)
        for _ in range(full):
            feed(buf)
        feed(unit * rest)
        feed(suffix + b"\r\n\r\n")
        out.write(comp.flush())
        out.write(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    bomb_total = size
    bomb_size = (WARC_DIR / "bomb.warc.gz").stat().st_size
    expected["bomb.warc.gz"] = {
        "description": "One valid gzip member (%d bytes) holding one response record whose "
                       "Content-Length is %d: an HTML page of %d bytes that is nothing but "
                       "'<div>' followed by 65531 spaces, repeated. The member inflates to %d bytes."
                       % (bomb_size, block_len, payload_len, bomb_total),
        "records": [{"n": 1, "type": "response", "id": bomb_id, "uri": bomb_uri,
                     "warc_date": bomb_date, "offset": 0, "content_length": block_len,
                     "what": "~300 MB HTML payload of empty <div>s"}],
        "articles": [],
        "skipped": [],
        "warnings": [
            "Record 1, WARC-Record-ID %s, WARC-Target-URI %s: the block (%d bytes, from a %d-byte "
            "file) is larger than any sane page. A reader with a per-record size cap should skip "
            "it with a warning naming the record and the cap, reading (or seeking) past it in a "
            "stream and never holding the 300 MB in memory. The page has no title and no text, "
            "so even a reader that parses it all produces no article."
            % (bomb_id, bomb_uri, block_len, bomb_size),
        ],
    }

    # ---- page.mhtml
    css_url = "https://carricksoundherald.example/static/css/herald.css"
    img_url = "https://carricksoundherald.example/media/2025/04/marigold-quay.png"
    html6 = render_page(A6, css_href=css_url, chrome_meta=True,
                        img=(img_url, "The Marigold at Carrick quay",
                             "The Marigold at Carrick quay before her first sailing"))
    html6_b = html6.encode("utf-8")
    png6 = make_png(4, 4, (13, 59, 79))
    boundary = "----MultipartBoundary--abc"
    saved = "Wed, 23 Apr 2025 06:41:12 -0000"
    parts = [
        CRLF.join([
            "From: <Saved by Blink>",
            "Snapshot-Content-Location: " + A6["url"],
            "Subject: %s | %s" % (A6["headline"], A6["outlet"]),
            "Date: " + saved,
            "MIME-Version: 1.0",
            "Content-Type: multipart/related;",
            '\ttype="text/html";',
            '\tboundary="%s"' % boundary,
            "", "", ""]).encode("ascii"),
        ("--%s\r\nContent-Type: text/html\r\nContent-ID: <frame-4D1F0A9C3B7E2E55@mhtml.blink>\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: %s\r\n\r\n"
         % (boundary, A6["url"])).encode("ascii"),
        qp_encode(html6_b),
        ("\r\n--%s\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
         "Content-Location: %s\r\n\r\n" % (boundary, css_url)).encode("ascii"),
        qp_encode(CARRICK_CSS),
        ("\r\n--%s\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
         "Content-Location: %s\r\n\r\n" % (boundary, img_url)).encode("ascii"),
        b64_lines(png6),
        ("\r\n\r\n--%s--\r\n" % boundary).encode("ascii"),
    ]
    mhtml = b"".join(parts)
    (HTML_DIR / "page.mhtml").write_bytes(mhtml)
    mhtml_expected = {
        "page.mhtml": {
            "article": True,
            "title": A6["headline"],
            "date": A6["date_utc"],
            "date_as_published": A6["jsonld_date"],
            "date_note": "From JSON-LD datePublished 2025-04-22T09:30:00+01:00. The MHTML Date: "
                         "header (%s) is when the page was saved, not published." % saved,
            "authors": [A6["author"]],
            "source": A6["outlet"],
            "tags": ["transport", "ferries"],
            "url": A6["url"],
            "language": "en-GB",
            "body_contains": A6["body_contains"],
            "body_lacks": [
                "Subscribe",
                "Most read",
                A6["aside"][0],
                "Harbour Buildings, Carrick",
                "Privacy policy",
                "The Marigold at Carrick quay before her first sailing",
                "herald.css",
            ],
            "notes": "Chrome-style MHTML: folded multipart/related Content-Type header, boundary "
                     "'%s'; the text/html part is quoted-printable with CRLF hard line breaks, soft "
                     "breaks ('=' at end of line, lines at most 76 characters), '=' as =3D and the "
                     "'\u00e9' of 'caf\u00e9' as =C3=A9 (UTF-8; the charset comes from the page's "
                     "<meta http-equiv=\"Content-Type\">, the part header says only text/html). "
                     "Then a text/css part (quoted-printable) and an image/png part (base64)."
                     % boundary,
        }
    }

    # ---- write the expectation files
    (WARC_DIR / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    (HTML_DIR / "mhtml-expected.json").write_text(
        json.dumps(mhtml_expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # ======================================================================= verification
    # Re-read every file from disk with the small readers above (not the builders' data).

    # mixed.warc.gz
    data = (WARC_DIR / "mixed.warc.gz").read_bytes()
    mem, err = gz_members(data)
    check(err is None, "mixed: %s" % err)
    check(len(mem) == 11, "mixed: %d gzip members" % len(mem))
    mixed_recs = []
    for (moff, payload), r in zip(mem, recs):
        rr, e = read_records(payload)
        check(e is None and len(rr) == 1, "mixed %s: one whole record per member (%s)" % (r["letter"], e))
        if not rr:
            continue
        rec = rr[0]
        rec["member_offset"] = moff
        mixed_recs.append(rec)
        fl = rec["fields"]
        check(fl["warc-type"] == r["type"], "mixed %s: type" % r["letter"])
        check(fl["warc-record-id"] == r["id"], "mixed %s: id" % r["letter"])
        check(rec["cl"] == len(rec["block"]), "mixed %s: Content-Length" % r["letter"])
        check(moff == r["offset"], "mixed %s: offset" % r["letter"])
        if "warc-block-digest" in fl:
            check(fl["warc-block-digest"] == sha1_b32(rec["block"]), "mixed %s: block digest" % r["letter"])
    check([r["fields"]["warc-type"] for r in mixed_recs] ==
          ["warcinfo", "request", "response", "metadata", "response", "response", "response",
           "response", "response", "response", "revisit"], "mixed: record types in order")
    L = {r["letter"]: m for r, m in zip(recs, mixed_recs)}
    # c: chunked
    st, hf, body = http_split(L["c"]["block"])
    check(hf.get("transfer-encoding") == "chunked" and "content-length" not in hf, "c: chunked headers")
    dech, nchunks, trailing = dechunk(body)
    check(nchunks >= 3 and trailing == 0, "c: %d chunks, %d trailing bytes" % (nchunks, trailing))
    check(dech == by["c"]["html"], "c: de-chunked body")
    check(L["c"]["fields"]["warc-payload-digest"] == sha1_b32(body), "c: payload digest (raw body)")
    check_article_html(check, dech, A1, "mixed c")
    # f: gzip body
    st, hf, body = http_split(L["f"]["block"])
    check(hf.get("content-encoding") == "gzip" and int(hf["content-length"]) == len(body),
          "f: Content-Encoding gzip and Content-Length of compressed bytes")
    check(body[:2] == b"\x1f\x8b", "f: gzip magic")
    check_article_html(check, zlib.decompress(body, 31), A2, "mixed f")
    # e, g, h, i
    for letter, ctype in (("e", "text/css"), ("g", "image/png"), ("h", "application/pdf"),
                          ("i", "text/html; charset=utf-8")):
        st, hf, body = http_split(L[letter]["block"])
        check(hf["content-type"] == ctype and int(hf["content-length"]) == len(body),
              "%s: %s and HTTP Content-Length" % (letter, ctype))
    check(http_split(L["g"]["block"])[2].startswith(b"\x89PNG\r\n\x1a\n"), "g: PNG signature")
    check(http_split(L["h"]["block"])[2].startswith(b"%PDF-1.4"), "h: %PDF-1.4")
    check(http_split(L["i"]["block"])[0] == "HTTP/1.1 404 Not Found", "i: 404")
    check(b"Page not found" in http_split(L["i"]["block"])[2], "i: Page not found")
    # j: no date in the page, WARC-Date 2025-06-02T08:15:00Z
    st, hf, body = http_split(L["j"]["block"])
    check(L["j"]["fields"]["warc-date"] == "2025-06-02T08:15:00Z", "j: WARC-Date")
    check(int(hf["content-length"]) == len(body), "j: HTTP Content-Length")
    check("content-encoding" not in hf and "transfer-encoding" not in hf, "j: plain body")
    check_article_html(check, body, A3, "mixed j")
    check_no_date(check, body, "mixed j")
    # k: revisit
    kf = L["k"]["fields"]
    check(kf["warc-profile"] == WARC_PROFILE_REVISIT, "k: profile")
    check(kf["warc-refers-to"] == by["c"]["id"], "k: refers to c")
    check(kf["warc-payload-digest"] == L["c"]["fields"]["warc-payload-digest"], "k: same payload digest")
    check(L["k"]["block"].endswith(b"\r\n\r\n") and http_split(L["k"]["block"])[2] == b"", "k: no payload")
    # CRLF in every WARC and HTTP header
    for m_off, payload in mem:
        hdr = payload[:payload.index(b"\r\n\r\n")]
        check(b"\n" not in hdr.replace(b"\r\n", b""), "mixed @%d: bare LF in WARC header" % m_off)

    # plain.warc
    data = (WARC_DIR / "plain.warc").read_bytes()
    pr, err = read_records(data)
    check(err is None and len(pr) == 3, "plain: 3 whole records (%s)" % err)
    for rec, src in zip(pr, plain_recs):
        check(rec["fields"]["warc-record-id"] == src["id"] and rec["cl"] == len(rec["block"]),
              "plain: %s" % src["letter"])
        st, hf, page = payload_of(rec["block"])
        check(page == src["html"], "plain %s: page" % src["letter"])

    # truncated.warc.gz
    data = (WARC_DIR / "truncated.warc.gz").read_bytes()
    mem, err = gz_members(data)
    check(err is not None and "ends early" in err, "truncated: last member ends early (%s)" % err)
    whole = [read_records(p)[0][0] for _, p in mem[:-1]]
    check([w["fields"]["warc-record-id"] for w in whole] == [by[x]["id"] for x in "abcde"],
          "truncated: records a-e whole")
    part_recs, perr = read_records(mem[-1][1])
    check(part_recs and part_recs[0]["fields"]["warc-record-id"] == f["id"] and "short" in part_recs[0],
          "truncated: record f header readable, block short (%s)" % perr)
    check(len(data) == cut and f["offset"] < cut < f["offset"] + f["member_len"], "truncated: cut inside f")

    # lying-length.warc
    data = (WARC_DIR / "lying-length.warc").read_bytes()
    lr, err = read_records(data)
    check(len(lr) == 2 and lr[0]["cl"] == len(lr[0]["block"]), "lying: record 1 whole")
    check(lr[1]["cl"] == 999999 and lr[1].get("short") == r2_avail, "lying: record 2 short")
    check(250 <= len(http_split(lr[1]["block"])[2]) <= 350, "lying: ~300 payload bytes")
    check(err is not None and "truncated" in err, "lying: reader error %s" % err)
    check_article_html(check, payload_of(lr[0]["block"])[2], A4, "lying 1")

    # lying-length-short.warc
    data = (WARC_DIR / "lying-length-short.warc").read_bytes()
    sr, err = read_records(data)
    check(len(sr) == 1 and err is not None and "no CRLF CRLF" in err, "short: framing error (%s)" % err)
    check(sr[0]["cl"] == s1_true - 40, "short: declared 40 bytes short")
    tail = data[garbage_at:garbage_at + 44]
    check(tail == missing + b"\r\n\r\n" and b"WARC/1." not in tail, "short: garbage is the page tail")
    check(b"</footer>" not in missing and b"</footer>" in sr[0]["block"], "short: only post-footer markup cut")
    m = re.compile(rb"(?m)^WARC/1\.").search(data, garbage_at)
    check(m is not None and m.start() == s2_off, "short: resync finds record 2 at %d" % s2_off)
    rest, err2 = read_records(data[m.start():], m.start())
    check(err2 is None and len(rest) == 1 and rest[0]["fields"]["warc-record-id"] == s2["id"],
          "short: record 2 whole")
    check_article_html(check, payload_of(rest[0]["block"])[2], A5, "short 2")
    check_article_html(check, http_split(sr[0]["block"])[2], A4, "short 1 (as declared)")

    # not-a-warc.warc.gz
    data = (WARC_DIR / "not-a-warc.warc.gz").read_bytes()
    check(data[:2] != b"\x1f\x8b" and not data.startswith(b"WARC/"), "junk: no magic")
    try:
        zlib.decompress(data, 31)
        check(False, "junk: decompressed")
    except zlib.error:
        pass

    # bomb.warc.gz (streaming)
    bomb_file = WARC_DIR / "bomb.warc.gz"
    check(bomb_file.stat().st_size < 400_000, "bomb: %d bytes on disk" % bomb_file.stat().st_size)
    d = zlib.decompressobj(31)
    total, first, last = 0, b"", b""
    raw = bomb_file.read_bytes()
    pending = raw
    while not d.eof:
        outp = d.decompress(pending, 1 << 20)
        pending = d.unconsumed_tail
        if not outp and not pending:
            break
        if not first:
            first = outp[:4096]
        total += len(outp)
        last = (last + outp)[-64:]
    check(d.eof and d.unused_data == b"", "bomb: exactly one whole member")
    hend = first.index(b"\r\n\r\n")
    _, bf = parse_headers(first[:hend])
    check(int(bf["content-length"]) == total - hend - 4 - 4, "bomb: Content-Length = block")
    check(last.endswith(b"</html>\n\r\n\r\n"), "bomb: record trailer")
    check(total > 300_000_000, "bomb: %d bytes inflated" % total)

    # page.mhtml
    data = (HTML_DIR / "page.mhtml").read_bytes()
    check(b"\n" not in data.replace(b"\r\n", b""), "mhtml: CRLF only")
    msg = email.message_from_bytes(data, policy=email.policy.default)
    check(data.startswith(b"From: <Saved by Blink>\r\n"), "mhtml: From")
    check(msg["Snapshot-Content-Location"] == A6["url"], "mhtml: Snapshot-Content-Location")
    check(msg.get_content_type() == "multipart/related" and msg.get_param("type") == "text/html"
          and msg.get_boundary() == boundary, "mhtml: multipart/related")
    mparts = list(msg.iter_parts())
    check([p.get_content_type() for p in mparts] == ["text/html", "text/css", "image/png"],
          "mhtml: part types")
    check(mparts[0].get_payload(decode=True) == html6_b.replace(b"\n", b"\r\n"), "mhtml: html round trip")
    check(quopri.decodestring(qp_encode(html6_b)) == html6_b.replace(b"\n", b"\r\n"), "mhtml: quopri")
    check(mparts[1].get_payload(decode=True) == CARRICK_CSS.replace(b"\n", b"\r\n"), "mhtml: css")
    check(mparts[2].get_payload(decode=True) == png6, "mhtml: png")
    qp_text = qp_encode(html6_b).decode("ascii")
    check(max(len(x) for x in qp_text.split("\r\n")) <= 76, "mhtml: QP lines <= 76")
    check(any(x.endswith("=") for x in qp_text.split("\r\n")), "mhtml: soft line breaks")
    check("=3D" in qp_text and "caf=C3=A9" in qp_text, "mhtml: =3D and caf=C3=A9")
    check_article_html(check, html6_b, A6, "mhtml")
    check('"keywords": "transport, ferries"' in html6, "mhtml: keywords")

    # expected.json sentences are exact substrings of the pages they describe
    pages = {A1["url"]: by["c"]["html"], A2["url"]: by["f"]["html"], A3["url"]: by["j"]["html"],
             A4["url"]: r1["html"], A5["url"]: s2["html"]}
    for fname, exp in expected.items():
        if fname.startswith("_"):
            continue
        for art in exp["articles"]:
            page = pages[art["url"]].decode("utf-8")
            for s in art["body_contains"]:
                check(s in page, "%s: sentence in page" % fname)
            for s in art["body_lacks"]:
                check(html.escape(s) in page or s in page, "%s: body_lacks text is in the page" % fname)

    # ---- summary
    print("files:")
    for p in sorted(WARC_DIR.iterdir()) + [HTML_DIR / "page.mhtml", HTML_DIR / "mhtml-expected.json"]:
        print("  %-60s %9d bytes" % (p.relative_to(ROOT), p.stat().st_size))
    print("records:")
    for fname in ("mixed.warc.gz", "plain.warc", "truncated.warc.gz", "lying-length.warc",
                  "lying-length-short.warc", "not-a-warc.warc.gz", "bomb.warc.gz"):
        print("  " + fname)
        for e in expected[fname]["records"]:
            print("    %2d %-1s %-8s @%-7d CL=%-9d %s  %s" % (
                e["n"], e.get("record", ""), e["type"], e["offset"], e["content_length"],
                e["uri"] or "-", e["what"]))
        print("    articles: %d, warnings: %d" % (len(expected[fname]["articles"]),
                                                  len(expected[fname]["warnings"])))
    print("bomb: %d bytes inflate to %d" % (bomb_size, bomb_total))
    print("checks: %d run, %d failed" % (check.count, len(check.failures)))
    for fmsg in check.failures:
        print("  FAILED: " + fmsg)
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
