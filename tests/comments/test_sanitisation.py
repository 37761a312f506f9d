"""Whatever a member types, the stored HTML carries no script: Markdown without raw HTML,
then an allowlist (nh3) with only http, https and mailto links."""

from html.parser import HTMLParser

import pytest

from comments.actions import post_comment
from comments.formatting import ALLOWED_TAGS, render_markdown

pytestmark = pytest.mark.django_db

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=javascript:alert('XSS')>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg/onload=alert(1)//",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<a href='javascript:alert(1)'>klik</a>",
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
    "</table></mtext></math>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<!--<script>alert(1)</script>-->",
    "<p onclick=alert(1)>klik</p>",
    "<a href=x onmouseover=alert(1)>over</a>",
    "<<script>alert(1)//<</script>",
    '<img src="x` `<script>alert(1)</script>"` `>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](&#x6A;avascript:alert(1))",
    "[klik](java&#115;cript:alert(1))",
    "[klik](jav\tascript:alert(1))",
    "[klik](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
    "[klik](vbscript:msgbox(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](DATA:text/html,<script>alert(1)</script>)",
    "[klik](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![plaatje](javascript:alert(1))",
    '![plaatje](https://evil.example/x.png "onerror=alert(1)")',
    '[klik](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    "[klik](<javascript:alert(1)>)",
    "[klik]( javascript:alert(1))",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "**<script>alert(1)</script>**",
    "> <img src=x onerror=alert(1)>",
    "- <svg onload=alert(1)>",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<a href='   javascript:alert(1)'>x</a>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "<x onclick=alert(1)>x</x>",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
]

SAFE_SCHEMES = ("http://", "https://", "mailto:")


class TagCollector(HTMLParser):
    """Every tag, attribute and attribute value in a piece of HTML, as a browser reads it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_no_executable_vector(html):
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert name in {"href", "rel", "start"}, (name, html)
            assert not name.startswith("on"), html
            if name == "href":
                assert value.strip().lower().startswith(SAFE_SCHEMES), (value, html)
    lowered = html.lower()
    for needle in ("<script", "<svg", "<iframe", "<img", "<style", "javascript:", "vbscript:"):
        if needle.endswith(":"):
            # the words may appear as plain text, but never inside an attribute
            assert f'href="{needle}' not in lowered, html
        else:
            assert needle not in lowered, html
    assert "data:" not in "".join(attrs.get("href", "") for _tag, attrs in parser.tags).lower()


def test_there_are_at_least_forty_attacks():
    assert len(ATTACKS) >= 40


@pytest.mark.parametrize("attack", ATTACKS)
def test_rendered_attack_contains_no_executable_vector(attack):
    assert_no_executable_vector(render_markdown(attack))


def test_stored_comment_html_contains_no_executable_vector(member, article, comment_settings):
    comment_settings.max_links = 50
    comment_settings.rate_limit_count = 0
    comment_settings.save()
    for number, attack in enumerate(ATTACKS):
        # Numbered: two attacks that differ only in white space would be one comment twice.
        comment = post_comment(member, article, f"Kijk hier ({number}): {attack}")
        comment.refresh_from_db()
        assert comment.body == f"Kijk hier ({number}): {attack}"  # the source is kept as typed
        assert_no_executable_vector(comment.body_html)


def test_allowed_formatting_survives():
    html = render_markdown(
        "Eerste **vet** en *schuin*.\n\n- een\n- twee\n\n1. stap\n2. stap\n\n> citaat\n\n"
        "[site](https://vakgenoten.example) en [mail](mailto:redactie@vakgenoten.example)"
    )
    for fragment in (
        "<p>Eerste <strong>vet</strong> en <em>schuin</em>.</p>",
        "<ul>",
        "<li>een</li>",
        "<ol>",
        "<blockquote>",
        '<a href="https://vakgenoten.example" rel="nofollow ugc noopener">site</a>',
        '<a href="mailto:redactie@vakgenoten.example" rel="nofollow ugc noopener">mail</a>',
    ):
        assert fragment in html


def test_typed_html_is_shown_as_text_not_markup():
    html = render_markdown("Gebruik <b>geen</b> html")
    assert "<b>" not in html
    assert "&lt;b&gt;geen&lt;/b&gt;" in html
