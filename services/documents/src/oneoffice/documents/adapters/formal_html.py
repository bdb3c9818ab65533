"""The formal layout as one printable, standalone HTML document (A4, the regulation's typography).

Standalone on purpose: it is a document a clerk downloads, prints or files, so it must look the same
opened from disk, with no gateway behind it — hence its stylesheet is a ``<style>`` element, not a
link to the gateway's static folder. It carries no script at all. The stylesheet is built from the
style table alone (never from the document), so its hash is a constant: ``CONTENT_SECURITY_POLICY``
lets a browser apply exactly that stylesheet and nothing else when the gateway serves the file.
"""

from __future__ import annotations

import base64
import hashlib

from jinja2 import Environment, PackageLoader, select_autoescape

from ..domain.formal_layout import FormalDocument, layout
from ..domain.formal_styles import FIRST_LINE_INDENT_MM, FONT_NAME, LINE_SPACING, PAGE, STYLES, TextStyle

_ENV = Environment(
    loader=PackageLoader("oneoffice.documents.adapters", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _declarations(text: TextStyle) -> str:
    return (
        f"font-size:{text.size_pt:g}pt;font-weight:{'bold' if text.bold else 'normal'};"
        f"font-style:{'italic' if text.italic else 'normal'};"
        f"text-decoration:{'underline' if text.underline else 'none'}"
    )


def _stylesheet() -> str:
    margins = f"{PAGE.top_mm:g}mm {PAGE.right_mm:g}mm {PAGE.bottom_mm:g}mm {PAGE.left_mm:g}mm"
    page = (
        f"@page{{size:A4;margin:{margins}}}\n"
        f"body{{margin:0;font-family:'{FONT_NAME}',Times,serif;color:#000;line-height:{LINE_SPACING:g}}}\n"
        f".page{{max-width:{PAGE.width_mm - PAGE.left_mm - PAGE.right_mm:g}mm;margin:0 auto}}\n"
        "table.grid{width:100%;border-collapse:collapse}\n"
        "table.grid td{vertical-align:top;padding:0;text-align:center}\n"
        "table.grid td.left{width:40%}\n"
        ".party table.grid td.left{width:47%}\n"
        "table.closing td.left{text-align:left;width:50%}\n"
        "p{margin:0}\n"
        ".rule-full{display:inline-block;border-bottom:1px solid #000;padding-bottom:1pt}\n"
        ".rule-short{width:35%;margin:4pt auto 0;border-top:1px solid #000}\n"
        # On screen, a sheet of paper with the printed margins; on paper, the @page margins alone.
        "@media screen{body{background:#e5e5e5}"
        f".page{{background:#fff;margin:8mm auto;padding:{margins};"
        f"min-height:{PAGE.height_mm - PAGE.top_mm - PAGE.bottom_mm:g}mm}}}}\n"
        ".asterisk{text-align:center}\n"
        ".centre{text-align:center}\n"
        f".body-text{{text-align:justify;text-indent:{FIRST_LINE_INDENT_MM:g}mm;margin-top:6pt}}\n"
        ".signature-space{height:22mm}\n"
        ".number,.place-date{margin-top:6pt}\n"
        ".heading{margin-top:12pt}\n"
    )
    rules = [
        f".{family.value} [data-component={component.value}]{{{_declarations(text)}}}"
        for family, components in STYLES.items()
        for component, text in components.items()
    ]
    return page + "\n".join(rules) + "\n"


STYLESHEET = _stylesheet()
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLESHEET.encode("utf-8")).digest()).decode()
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


def render_html(doc: FormalDocument) -> str:
    """The whole HTML document (UTF-8 text) of ``doc``'s formal layout."""
    return _ENV.get_template("formal_document.html").render(lines=layout(doc), stylesheet=STYLESHEET)
